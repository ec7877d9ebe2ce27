import Foundation
import Testing

@testable import CallScopeKit

/// The provider documents' sample responses, copied verbatim into Fixtures/ (only `//` comments
/// and CareSoft's `...` placeholder line removed).
enum Fixtures {
    static func json(_ name: String) throws -> JSONValue {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"),
            "fixture \(name).json is missing")
        return try JSONParser.parse(try Data(contentsOf: url))
    }

    /// The records at `path` of a fixture, e.g. `["payload", "items"]`.
    static func records(_ name: String, at path: String...) throws -> [JSONValue] {
        var value = try json(name)
        for key in path { value = try #require(value[key], "\(name): no \(key)") }
        return try #require(value.arrayValue, "\(name): \(path) is not an array")
    }
}

/// An instant written as RFC 3339 in a test.
func utc(_ text: String) -> Date {
    guard let date = RFC3339.date(from: text) else { fatalError("bad test time \(text)") }
    return date
}

extension MappingContext {
    static func test(_ provider: ProviderKind) -> MappingContext {
        MappingContext(account: "acct-\(provider.rawValue)", provider: provider)
    }
}
