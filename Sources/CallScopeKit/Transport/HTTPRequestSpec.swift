import Foundation

/// One request to a provider, before it is sent.
public struct HTTPRequestSpec: Sendable {
    public enum Method: String, Sendable { case GET, POST }

    public enum Body: Sendable {
        case none
        case form([(String, String)])
        case json(JSONValue)
    }

    public var method: Method
    public var url: URL
    public var query: [(String, String)]
    public var headers: [(String, String)]
    public var body: Body
    /// Whether the bearer token of the account is added (false for the login request itself).
    public var authenticated: Bool

    public init(_ method: Method = .GET, _ url: URL, query: [(String, String)] = [], headers: [(String, String)] = [],
                body: Body = .none, authenticated: Bool = true) {
        self.method = method
        self.url = url
        self.query = query
        self.headers = headers
        self.body = body
        self.authenticated = authenticated
    }

    /// `GET /path`: what an error message may say about the request (no query: it can hold keys).
    public var summary: String { "\(method.rawValue) \(url.path)" }

    /// The URL with the query, every value percent-encoded (`+` too: PHP servers read it as a space).
    var fullURL: String {
        guard !query.isEmpty else { return url.absoluteString }
        let encoded = query.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return url.absoluteString + (url.query == nil ? "?" : "&") + encoded
    }

    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? s }

    var bodyBytes: (contentType: String, bytes: [UInt8])? {
        switch body {
        case .none: nil
        case .form(let pairs):
            ("application/x-www-form-urlencoded", Array(pairs.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&").utf8))
        case .json(let value): ("application/json", value.serializedBytes())
        }
    }
}

extension URL {
    /// The URL with `path` appended (`path` starts with `/`).
    func appending(rawPath path: String) -> URL {
        var text = absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: text + path) ?? self
    }
}
