/// A byte-level UTF-8 JSON parser that keeps documents exactly (see `JSONValue`).
///
/// Strict where it matters (a truncated or malformed document is an error naming the byte
/// offset, never a partial value) and lenient where providers are known to slip:
/// - a UTF-8 byte order mark before the document is skipped;
/// - one trailing comma before `]` or `}` is accepted (the documents' own samples have one);
/// - raw control characters inside strings are kept as they are (RFC 8259 wants them escaped);
/// - an unpaired `\uD800`-`\uDFFF` escape becomes U+FFFD (a Swift string cannot hold it).
public enum JSONParser {
    /// Deepest nesting of arrays/objects accepted (bounds the recursion on hostile input).
    public static let maximumDepth = 512

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer: buffer) }
        }
        return try result.get()
    }

    public static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(JSONParseError) -> JSONValue {
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer: buffer) }
        }
        if let contiguous { return try contiguous.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer: buffer) }
        }.get()
    }

    static func parse(buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        guard let base = buffer.baseAddress, !buffer.isEmpty else {
            throw JSONParseError(.unexpectedEndOfInput, at: 0)
        }
        var reader = ByteReader(base: base, count: buffer.count)
        return try reader.parseDocument()
    }
}

private let quote = UInt8(ascii: "\"")
private let backslash = UInt8(ascii: "\\")

/// The parser's cursor over one contiguous buffer. Lives only inside `JSONParser.parse`.
private struct ByteReader {
    let base: UnsafePointer<UInt8>
    let count: Int
    var index = 0
    var depth = 0
    var scratch: [UInt8] = []

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { index = 3 }
        let value = try parseValue()
        skipWhitespace()
        if index != count { throw JSONParseError(.trailingContent, at: index) }
        return value
    }

    // MARK: values

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard index < count else { throw JSONParseError(.unexpectedEndOfInput, at: index) }
        switch base[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case quote: return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        case let byte:
            throw JSONParseError(.unexpectedByte(byte), at: index)
        }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        var members: [JSONMember] = []
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            let byte = try peek()
            guard byte == quote else { throw JSONParseError(.unexpectedByte(byte), at: index) }
            let key = try parseString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            let value = try parseValue()
            members.append(JSONMember(key, value))
            if try endOfContainer(closing: UInt8(ascii: "}")) { break }
        }
        depth -= 1
        return .object(members)
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        var elements: [JSONValue] = []
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            if try endOfContainer(closing: UInt8(ascii: "]")) { break }
        }
        depth -= 1
        return .array(elements)
    }

    /// After a member/element: true at the closing bracket (consumed), false after a comma.
    /// A comma directly followed by the closing bracket (a trailing comma) also closes.
    mutating func endOfContainer(closing: UInt8) throws(JSONParseError) -> Bool {
        skipWhitespace()
        let byte = try peek()
        if byte == closing {
            index += 1
            return true
        }
        guard byte == UInt8(ascii: ",") else { throw JSONParseError(.unexpectedByte(byte), at: index) }
        index += 1
        skipWhitespace()
        if index < count && base[index] == closing {
            index += 1
            return true
        }
        return false
    }

    mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > JSONParser.maximumDepth { throw JSONParseError(.tooDeeplyNested, at: index) }
        index += 1
    }

    mutating func expectLiteral(_ word: StaticString) throws(JSONParseError) {
        let letters = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for letter in letters {
            guard index < count else { throw JSONParseError(.unexpectedEndOfInput, at: index) }
            guard base[index] == letter else { throw JSONParseError(.unexpectedByte(base[index]), at: index) }
            index += 1
        }
    }

    // MARK: numbers

    /// Checks RFC 8259's number grammar and returns the source text unchanged.
    mutating func parseNumber() throws(JSONParseError) -> String {
        let start = index
        if base[index] == UInt8(ascii: "-") { index += 1 }
        let first = try peek()
        if first == UInt8(ascii: "0") {
            index += 1
        } else if isDigit(first) {
            skipDigits()
        } else {
            throw JSONParseError(.invalidNumber, at: index)
        }
        if index < count && base[index] == UInt8(ascii: ".") {
            index += 1
            try requireDigits()
        }
        if index < count && (base[index] == UInt8(ascii: "e") || base[index] == UInt8(ascii: "E")) {
            index += 1
            if index < count && (base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-")) { index += 1 }
            try requireDigits()
        }
        return String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
    }

    mutating func requireDigits() throws(JSONParseError) {
        guard isDigit(try peek()) else { throw JSONParseError(.invalidNumber, at: index) }
        skipDigits()
    }

    mutating func skipDigits() {
        while index < count && isDigit(base[index]) { index += 1 }
    }

    // MARK: strings

    /// Reads a string starting at its opening quote.
    mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        let contentStart = index
        var sawNonASCII = false
        while index < count {
            let byte = base[index]
            if byte == quote {
                let content = UnsafeBufferPointer(start: base + contentStart, count: index - contentStart)
                index += 1
                return try makeString(content, sawNonASCII: sawNonASCII, inputOffset: contentStart)
            }
            if byte == backslash {
                return try parseEscapedString(contentStart: contentStart)
            }
            if byte >= 0x80 { sawNonASCII = true }
            index += 1
        }
        throw JSONParseError(.unexpectedEndOfInput, at: count)
    }

    /// The slow path of `parseString`, once a backslash was seen: decodes into `scratch`.
    mutating func parseEscapedString(contentStart: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + contentStart, count: index - contentStart))
        var sawNonASCII = false
        while true {
            guard index < count else { throw JSONParseError(.unexpectedEndOfInput, at: count) }
            let byte = base[index]
            if byte == quote {
                index += 1
                break
            }
            if byte == backslash {
                try decodeEscape()
                continue
            }
            let runStart = index
            while index < count && base[index] != quote && base[index] != backslash {
                if base[index] >= 0x80 { sawNonASCII = true }
                index += 1
            }
            scratch.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
        }
        if sawNonASCII {
            // Escapes always decode to valid UTF-8, so only the raw bytes can be invalid.
            let raw = UnsafeBufferPointer(start: base + contentStart, count: index - 1 - contentStart)
            if let bad = UTF8Validation.firstInvalidOffset(in: raw) {
                throw JSONParseError(.invalidUTF8, at: contentStart + bad)
            }
        }
        return scratch.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// Decodes one escape sequence at `index` (a backslash) into `scratch`.
    mutating func decodeEscape() throws(JSONParseError) {
        let escapeStart = index
        index += 1
        let letter = try peek()
        index += 1
        switch letter {
        case quote, backslash, UInt8(ascii: "/"): scratch.append(letter)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try readHex4(escapeStart: escapeStart)
            appendUTF8(of: try scalar(startingWith: unit, escapeStart: escapeStart))
        default:
            throw JSONParseError(.invalidEscape, at: escapeStart)
        }
    }

    /// Combines a high surrogate with a following `\uDC00`-`\uDFFF` escape; unpaired halves become U+FFFD.
    mutating func scalar(startingWith unit: UInt32, escapeStart: Int) throws(JSONParseError) -> UInt32 {
        switch unit {
        case 0xD800...0xDBFF:
            guard index + 1 < count, base[index] == backslash, base[index + 1] == UInt8(ascii: "u") else {
                return 0xFFFD
            }
            let saved = index
            index += 2
            let low = try readHex4(escapeStart: saved)
            guard (0xDC00...0xDFFF).contains(low) else {
                index = saved  // not a pair: decode the next escape on its own
                return 0xFFFD
            }
            return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        case 0xDC00...0xDFFF:
            return 0xFFFD
        default:
            return unit
        }
    }

    mutating func readHex4(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = try peek()
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONParseError(.invalidEscape, at: escapeStart)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    mutating func appendUTF8(of scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    func makeString(
        _ content: UnsafeBufferPointer<UInt8>, sawNonASCII: Bool, inputOffset: Int
    ) throws(JSONParseError) -> String {
        if !sawNonASCII { return String(decoding: content, as: UTF8.self) }
        if let text = String(validating: content, as: UTF8.self) { return text }
        let bad = UTF8Validation.firstInvalidOffset(in: content) ?? 0
        throw JSONParseError(.invalidUTF8, at: inputOffset + bad)
    }

    // MARK: helpers

    mutating func skipWhitespace() {
        while index < count {
            switch base[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    func peek() throws(JSONParseError) -> UInt8 {
        guard index < count else { throw JSONParseError(.unexpectedEndOfInput, at: index) }
        return base[index]
    }

    mutating func expect(_ byte: UInt8) throws(JSONParseError) {
        let found = try peek()
        guard found == byte else { throw JSONParseError(.unexpectedByte(found), at: index) }
        index += 1
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
