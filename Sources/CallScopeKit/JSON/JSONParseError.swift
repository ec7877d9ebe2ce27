/// Why a document is not JSON, and where: `offset` counts bytes from the start of the input.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The document stopped in the middle of a value (a truncated body).
        case unexpectedEndOfInput
        /// A byte that cannot start or continue a value here.
        case unexpectedByte(UInt8)
        case invalidNumber
        case invalidEscape
        case invalidUTF8
        /// Something other than whitespace after the top-level value.
        case trailingContent
        /// More than `JSONParser.maximumDepth` nested arrays/objects.
        case tooDeeplyNested
    }

    public var reason: Reason
    public var offset: Int

    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String {
        "invalid JSON at byte offset \(offset): \(reasonText)"
    }

    private var reasonText: String {
        switch reason {
        case .unexpectedEndOfInput: return "unexpected end of input (truncated document)"
        case .unexpectedByte(let byte):
            if byte >= 0x21 && byte < 0x7F {
                return "unexpected character '\(Character(Unicode.Scalar(byte)))'"
            }
            return "unexpected byte 0x\(String(byte, radix: 16, uppercase: true))"
        case .invalidNumber: return "malformed number"
        case .invalidEscape: return "malformed escape sequence in a string"
        case .invalidUTF8: return "invalid UTF-8"
        case .trailingContent: return "unexpected content after the document"
        case .tooDeeplyNested: return "arrays/objects nested more than \(JSONParser.maximumDepth) deep"
        }
    }
}
