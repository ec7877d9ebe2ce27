/// A JSON document as the sandbox writes it: object keys stay in the order the provider's
/// documents show them, and a value is written exactly as the simulator chose it (an int, or the
/// same int as a string where a provider sends it that way).
///
/// The sandbox never uses CallScopeKit's types: if the client and the simulator shared them, a
/// misreading of a provider document would be shared too, and the tests would pass on it.
indirect enum JSONOut: Sendable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONOut])
    case object([(String, JSONOut)])

    static func obj(_ pairs: KeyValuePairs<String, JSONOut>) -> JSONOut {
        .object(pairs.map { ($0.key, $0.value) })
    }

    static func int(_ value: Int) -> JSONOut { .int(Int64(value)) }

    /// A string, or null when there is none.
    static func string(_ value: String?) -> JSONOut { value.map { .string($0) } ?? .null }

    /// An int written as a JSON string, as several providers send their numbers.
    static func intString(_ value: Int64) -> JSONOut { .string(String(value)) }
    static func intString(_ value: Int) -> JSONOut { .string(String(value)) }

    subscript(key: String) -> JSONOut? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }
}

/// How strings are escaped. `.standard` escapes only what JSON requires; `.php` is what PHP's
/// `json_encode` writes by default (`/` as `\/`, every non-ASCII character as `\uXXXX`), which is
/// how ICSOC's pushes arrive.
enum JSONStyle: Sendable {
    case standard
    case php
}

extension JSONOut {
    func encoded(_ style: JSONStyle = .standard) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out, style: style)
        return out
    }

    func text(_ style: JSONStyle = .standard) -> String {
        String(decoding: encoded(style), as: UTF8.self)
    }

    func write(into out: inout [UInt8], style: JSONStyle) {
        switch self {
        case .string(let s): Self.writeString(s, into: &out, style: style)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: Self.format(d).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out, style: style)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let pairs):
            out.append(UInt8(ascii: "{"))
            for (n, (key, value)) in pairs.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(key, into: &out, style: style)
                out.append(UInt8(ascii: ":"))
                value.write(into: &out, style: style)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func writeEscapedUnit(_ unit: UInt16, into out: inout [UInt8]) {
        out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hex[Int((unit >> UInt16(shift)) & 0xF)])
        }
    }

    private static func writeString(_ s: String, into out: inout [UInt8], style: JSONStyle) {
        out.append(UInt8(ascii: "\""))
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case "\\": out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case "\n": out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case "\r": out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case "\t": out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case "/" where style == .php: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "/")])
            default:
                if scalar.value < 0x20 {
                    writeEscapedUnit(UInt16(scalar.value), into: &out)
                } else if scalar.value >= 0x80, style == .php {
                    for unit in String(scalar).utf16 { writeEscapedUnit(unit, into: &out) }
                } else {
                    out.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension JSONOut: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByNilLiteral, ExpressibleByFloatLiteral {
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(Int64(value)) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(nilLiteral: ()) { self = .null }
    init(floatLiteral value: Double) { self = .double(value) }
}
