import Foundation
import Testing

@testable import CallScopeKit

@Suite("Config: readonly")
struct ReadOnlyConfigTests {
    let account = accountConfig(#"name = "cs"\#nprovider = "caresoft"\#ndomain = "d"\#ntoken = "t""#)

    @Test func readonlyAtTheTopMakesTheConfigReadOnly() throws {
        let loaded = try loadConfig("readonly = true\n" + account)
        #expect(loaded.config.readOnly)
        #expect(loaded.warnings.isEmpty)
        #expect(try !loadConfig("readonly = false\n" + account).config.readOnly)
    }

    @Test func withoutTheKeyTheConfigIsWritable() throws {
        #expect(try !loadConfig(account).config.readOnly)
    }

    @Test(arguments: [#""true""#, "1", "\"yes\"", "[true]"])
    func aValueThatIsNotABooleanIsRefusedNamingTheKey(value: String) throws {
        let error = try #require(configError("readonly = \(value)\n" + account))
        #expect(error.problems.map(\.key) == ["readonly"], "\(error)")
        guard case .wrongType(let expected, _) = error.problems.first?.kind else {
            Issue.record("\(error)")
            return
        }
        #expect(expected == "true or false")
        #expect(error.description.contains("test.toml: key \"readonly\""), "\(error)")
        #expect(error.exitCode == 2)
    }

    /// Written under an `[[account]]`, TOML makes it that account's key: the warning says so.
    @Test func readonlyInsideAnAccountIsNotTheTopLevelKey() throws {
        let loaded = try loadConfig(account + "\nreadonly = true")
        #expect(!loaded.config.readOnly)
        #expect(loaded.warnings.contains { $0.key == "readonly" }, "\(loaded.warnings)")
    }
}
