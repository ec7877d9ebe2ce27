import Foundation

/// Query or form parameters, decoded as a PHP or ASP.NET server decodes them: keys and values
/// percent-decoded, `+` read as a space, arrays given as `k[]=a&k[]=b`, `k=a&k=b` or `k=a,b`.
struct Params: Sendable {
    private(set) var items: [(key: String, value: String)] = []

    init(encoded: String?) {
        guard let encoded else { return }
        for pair in encoded.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            items.append((key, value))
        }
    }

    init(items: [(key: String, value: String)]) { self.items = items }

    private static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The last value given for `name`, or nil when absent or empty.
    subscript(name: String) -> String? {
        items.last { $0.key == name }.map(\.value).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the parameter was sent at all (even empty).
    func has(_ name: String) -> Bool { items.contains { $0.key == name } }

    /// Every value of an array parameter, whichever of the usual spellings the client used.
    func all(_ name: String) -> [String] {
        items.filter { $0.key == name || $0.key == name + "[]" || ($0.key.hasPrefix(name + "[") && $0.key.hasSuffix("]")) }
            .flatMap { $0.value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty }
    }

    /// An integer parameter: nil when absent, `.failure` when present but not an integer.
    func int(_ name: String) -> Result<Int64?, ParamError> {
        guard let text = self[name] else { return .success(nil) }
        guard let value = Int64(text.trimmingCharacters(in: .whitespaces)) else { return .failure(ParamError(name: name, value: text)) }
        return .success(value)
    }
}

struct ParamError: Error {
    let name: String
    let value: String
}
