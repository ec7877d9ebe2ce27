/// One step into a provider record: an object key or an array index. Written as literals:
/// `reader.string("user", 0, "full_name")`.
enum JSONPathKey: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, Sendable {
    case key(String)
    case index(Int)

    init(stringLiteral value: String) { self = .key(value) }
    init(integerLiteral value: Int) { self = .index(value) }

    /// `user[0].full_name`, the form warnings name fields in.
    static func describe(_ path: [JSONPathKey]) -> String {
        var text = ""
        for step in path {
            switch step {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}

extension JSONValue {
    /// The value at `path`; nil when any step is missing.
    func value(at path: [JSONPathKey]) -> JSONValue? {
        var current: JSONValue = self
        for step in path {
            switch step {
            case .key(let key):
                guard let next = current[key] else { return nil }
                current = next
            case .index(let index):
                guard let next = current[index] else { return nil }
                current = next
            }
        }
        return current
    }
}
