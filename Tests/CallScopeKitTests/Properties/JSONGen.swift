import PropertyBased
@testable import CallScopeKit

/// Random JSON values for property tests: every kind, strings of any scalar (controls, quotes,
/// backslashes, C1, line separators, emoji), numbers in every JSON form, a few levels of nesting,
/// duplicate keys.
enum JSONGen {
    typealias RNG = any SeededRandomNumberGenerator

    static let value = Generator<JSONValue, Shrink.None<JSONValue>> { rng in make(&rng, depth: 0) }

    /// Objects whose keys are mostly `keys` (a provider's field names), valued with any JSON.
    static func object(keys: [String]) -> Generator<JSONValue, Shrink.None<JSONValue>> {
        Generator { rng in
            let count = Int.random(in: 0...12, using: &rng)
            return .object((0..<count).map { _ in
                let key = Bool.random(using: &rng) || keys.isEmpty ? keys.randomElement(using: &rng) ?? string(&rng) : string(&rng)
                return JSONMember(key, make(&rng, depth: 1))
            })
        }
    }

    static func make(_ rng: inout RNG, depth: Int) -> JSONValue {
        switch Int.random(in: 0..<(depth < 4 ? 8 : 5), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .number(number(&rng))
        case 3, 4: return .string(string(&rng))
        case 5: return .array((0..<Int.random(in: 0...5, using: &rng)).map { _ in make(&rng, depth: depth + 1) })
        default:
            return .object((0..<Int.random(in: 0...5, using: &rng)).map { _ in
                // a few short keys, so duplicates occur
                let key = Bool.random(using: &rng) ? ["id", "a", "call_id", ""].randomElement(using: &rng)! : string(&rng)
                return JSONMember(key, make(&rng, depth: depth + 1))
            })
        }
    }

    /// A number as JSON writes it: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func number(_ rng: inout RNG) -> String {
        var text = Bool.random(using: &rng) ? "-" : ""
        text += Int.random(in: 0..<4, using: &rng) == 0 ? "0" : String(UInt64.random(in: 1...UInt64.max, using: &rng) >> UInt64.random(in: 0...63, using: &rng) | 1)
        if Bool.random(using: &rng) { text += "." + digits(&rng) }
        if Int.random(in: 0..<3, using: &rng) == 0 {
            text += ["e", "E"].randomElement(using: &rng)! + ["", "+", "-"].randomElement(using: &rng)! + digits(&rng)
        }
        return text
    }

    static func digits(_ rng: inout RNG) -> String {
        String((0..<Int.random(in: 1...20, using: &rng)).map { _ in Character(Unicode.Scalar(UInt8.random(in: 48...57, using: &rng))) })
    }

    static func string(_ rng: inout RNG) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...16, using: &rng) { scalars.append(scalar(&rng)) }
        return String(scalars)
    }

    static func scalar(_ rng: inout RNG) -> Unicode.Scalar {
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0x20...0x7E, 0x00...0x1F, 0x22...0x22, 0x5C...0x5C, 0x7F...0x9F,
            0xA0...0x2FF, 0x300...0x36F, 0x2028...0x2029, 0x4E00...0x9FFF, 0xE000...0xFFFF, 0x1F300...0x1FAFF, 0x10000...0x10FFFF,
        ]
        let range = ranges.randomElement(using: &rng)!
        return Unicode.Scalar(UInt32.random(in: range, using: &rng)) ?? "\u{FFFD}"
    }
}
