/// Lenient reading of provider JSON.
///
/// Providers send documented ints as strings, numbers as strings, null or "" for "no value".
/// These accessors read what a person would read: `nil` means "absent or unreadable".
extension JSONValue {
    /// The value of the last member named `key` (duplicates: last wins, as in JavaScript and PHP);
    /// nil when this is not an object or has no such member.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        var index = members.endIndex
        while index > members.startIndex {
            index -= 1
            if members[index].key == key { return members[index].value }
        }
        return nil
    }

    /// The element at `index`; nil when this is not an array or the index is out of range.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// True for `null` and `""`: the values providers send for "nothing".
    public var isAbsent: Bool {
        switch self {
        case .null: return true
        case .string(let text): return text.isEmpty
        default: return false
        }
    }

    /// A non-empty string, or a number's source text (ids arrive as either); nil otherwise.
    public var stringValue: String? {
        switch self {
        case .string(let text): return text.isEmpty ? nil : text
        case .number(let text): return text
        default: return nil
        }
    }

    /// An integer from an integral number or a numeric string (`5`, `"5"`, `" 5 "`, `5.0`, `"1e3"`);
    /// nil for a fraction, an overflow, or anything else.
    public var intValue: Int? {
        guard let text = numericText else { return nil }
        if let exact = Int(text) { return exact }
        guard let double = Double(text), double.rounded() == double,
            double >= -9.2e18, double <= 9.2e18
        else { return nil }
        return Int(double)
    }

    /// A number from a number or a numeric string; nil otherwise (also for NaN/infinity spellings).
    public var doubleValue: Double? {
        guard let text = numericText, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// A number from a number or a numeric string, infinite where it overflows a `Double`
    /// (`1e400`): for telling a value out of range from one that is no number at all.
    var numberValue: Double? {
        guard let text = numericText, let value = Double(text), !value.isNaN else { return nil }
        return value
    }

    /// `true`/`false`, the strings `"true"`/`"false"` (any case), and `1`/`0` as numbers or strings.
    public var boolValue: Bool? {
        switch self {
        case .bool(let value): return value
        case .number(let text): return Self.bool(fromWord: text)
        case .string(let text): return Self.bool(fromWord: text.lowercased())
        default: return nil
        }
    }

    /// The elements of an array; nil otherwise.
    public var arrayValue: [JSONValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    /// The members of an object in received order; nil otherwise.
    public var objectMembers: [JSONMember]? {
        guard case .object(let members) = self else { return nil }
        return members
    }

    /// The text of a number, or of a string that holds only a JSON-style number (spaces trimmed).
    private var numericText: String? {
        switch self {
        case .number(let text): return text
        case .string(let text):
            let trimmed = text.trimmingASCIISpaces()
            return Self.looksNumeric(trimmed) ? String(trimmed) : nil
        default: return nil
        }
    }

    private static func looksNumeric(_ text: Substring) -> Bool {
        var sawDigit = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): continue
            default: return false
            }
        }
        return sawDigit
    }

    private static func bool(fromWord word: String) -> Bool? {
        switch word {
        case "true", "1": return true
        case "false", "0": return false
        default: return nil
        }
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs and line breaks.
    func trimmingASCIISpaces() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
