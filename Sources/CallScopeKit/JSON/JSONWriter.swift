import Foundation

/// Writes JSON text straight into a byte buffer, compact or pretty (2-space indent).
///
/// The caller drives the structure (`beginObject`, `key`, values, `endObject`); the writer
/// places commas, colons, line breaks and indentation. Strings are escaped so that the output
/// is safe to show in a terminal: `"`, `\`, C0 controls (ESC included), DEL and C1 controls
/// are written as `\u00XX`; everything else, non-ASCII included, is kept as UTF-8.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8]
    public let pretty: Bool
    private var depth = 0
    private var isFirstInContainer = true
    private var afterKey = false

    public init(pretty: Bool = false, reservingCapacity capacity: Int = 512) {
        self.pretty = pretty
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Empties the buffer (keeping its capacity) to write another document.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        depth = 0
        isFirstInContainer = true
        afterKey = false
    }

    // MARK: structure

    public mutating func beginObject() {
        valuePrefix()
        bytes.append(UInt8(ascii: "{"))
        depth += 1
        isFirstInContainer = true
    }

    public mutating func endObject() { close(UInt8(ascii: "}")) }

    public mutating func beginArray() {
        valuePrefix()
        bytes.append(UInt8(ascii: "["))
        depth += 1
        isFirstInContainer = true
    }

    public mutating func endArray() { close(UInt8(ascii: "]")) }

    public mutating func key(_ key: String) {
        if !isFirstInContainer { bytes.append(UInt8(ascii: ",")) }
        newlineAndIndent()
        writeEscaped(key)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        isFirstInContainer = false
        afterKey = true
    }

    // MARK: values

    public mutating func null() {
        valuePrefix()
        let word: StaticString = "null"
        bytes.append(contentsOf: UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    public mutating func bool(_ value: Bool) {
        valuePrefix()
        let word: StaticString = value ? "true" : "false"
        bytes.append(contentsOf: UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    /// A string, or `null` for nil.
    public mutating func string(_ value: String?) {
        guard let value else { return null() }
        valuePrefix()
        writeEscaped(value)
    }

    /// An integer, or `null` for nil.
    public mutating func int(_ value: Int?) {
        guard let value else { return null() }
        valuePrefix()
        appendDecimal(value)
    }

    /// A number in its shortest round-trip form (`2389`, `10.1`); `null` for nil, NaN or infinity.
    public mutating func double(_ value: Double?) {
        guard let value, value.isFinite else { return null() }
        valuePrefix()
        if value.rounded() == value && abs(value) < 1e15 {
            appendDecimal(Int(value))
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    /// A number written exactly as given (the caller vouches that it is a JSON number).
    public mutating func numberText(_ text: String) {
        valuePrefix()
        bytes.append(contentsOf: text.utf8)
    }

    /// Any JSON value, recursively, members in their stored order.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .number(let text): numberText(text)
        case .string(let text): string(text)
        case .array(let elements):
            beginArray()
            for element in elements { self.value(element) }
            endArray()
        case .object(let members):
            beginObject()
            for member in members {
                key(member.key)
                self.value(member.value)
            }
            endObject()
        }
    }

    // MARK: low level, for writers of other value types (dates)

    /// Prepares for a value: a comma and line break inside arrays, nothing after a key.
    mutating func valuePrefix() {
        if afterKey {
            afterKey = false
            return
        }
        if depth > 0 {
            if !isFirstInContainer { bytes.append(UInt8(ascii: ",")) }
            newlineAndIndent()
        }
        isFirstInContainer = false
    }

    mutating func appendRaw(_ byte: UInt8) { bytes.append(byte) }

    /// Appends `value` in decimal without allocating a String.
    mutating func appendDecimal(_ value: Int) { bytes.appendDecimal(value) }

    /// The bare `yyyy-MM-ddTHH:mm:ssZ` text (no quotes), seconds floored.
    mutating func appendTimestamp(_ date: Date) { bytes.appendTimestamp(seconds: Int(EpochTime.wholeSeconds(date))) }

    // MARK: private

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if !isFirstInContainer { newlineAndIndent() }
        bytes.append(bracket)
        isFirstInContainer = false
        afterKey = false
    }

    private static func lowercaseHexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    private mutating func newlineAndIndent() {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    private mutating func writeEscaped(_ string: String) {
        var string = string
        bytes.append(UInt8(ascii: "\""))
        string.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            let count = utf8.count
            while index < count {
                let byte = utf8[index]
                let escapedCodePoint: UInt8
                let width: Int
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte == 0x7F {
                    escapedCodePoint = byte
                    width = 1
                } else if byte == 0xC2 && index + 1 < count && utf8[index + 1] >= 0x80 && utf8[index + 1] <= 0x9F {
                    escapedCodePoint = utf8[index + 1]  // U+0080...U+009F: the code point is the second byte
                    width = 2
                } else {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscape(escapedCodePoint)
                index += width
                runStart = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(_ codePoint: UInt8) {
        switch codePoint {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"):
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(codePoint)
        default:
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(Self.lowercaseHexDigit(codePoint >> 4))
            bytes.append(Self.lowercaseHexDigit(codePoint & 0x0F))
        }
    }
}
