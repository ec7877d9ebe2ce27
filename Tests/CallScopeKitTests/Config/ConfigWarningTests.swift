import Foundation
import Testing

@testable import CallScopeKit

/// What loads but deserves a word, and where the file is looked for.
@Suite("Config warnings and files")
struct ConfigWarningTests {
    // MARK: warnings

    @Test func unknownKeysWarnWithTheClosestKnownKey() throws {
        let loaded = try loadConfig("""
            theme = "default"
            timezon = "UTC"

            [[account]]
            name = "cs"
            provider = "caresoft"
            domain = "kh"
            domian = "kh"
            token = "t"
            colour = "red"

            [[account]]
            name = "crm"
            provider = "vbot-crm"
            vbot_id = "v"
            project_code = "p"
            bot_id = "b"
            Token = "t"
            token = "t"
            """)
        let cs = AccountReference(position: 1, name: "cs")
        let crm = AccountReference(position: 2, name: "crm")
        #expect(Set(loaded.warnings) == [
            ConfigWarning(.unknownKey(suggestion: "domain"), file: "test.toml", account: cs, key: "domian"),
            ConfigWarning(.unknownKey(suggestion: nil), file: "test.toml", account: cs, key: "colour"),
            ConfigWarning(.keyNotUsedByProvider(.vbotCRM), file: "test.toml", account: crm, key: "bot_id"),
            ConfigWarning(.unknownKey(suggestion: "token"), file: "test.toml", account: crm, key: "Token"),
            ConfigWarning(.unknownKey(suggestion: "timezone"), file: "test.toml", key: "timezon"),
        ])
        let domian = try #require(loaded.warnings.first { $0.key == "domian" })
        #expect(domian.description == #"test.toml: warning: account "cs": key "domian": unknown key, ignored (did you mean "domain"?)"#)
    }

    @Test func aPluralAccountsTableIsPointedOut() throws {
        let loaded = try loadConfig("""
            [[accounts]]
            name = "cs"
            """)
        #expect(loaded.warnings.contains(ConfigWarning(.unknownKey(suggestion: "account"), file: "test.toml", key: "accounts")))
        #expect(loaded.warnings.contains { $0.kind == .noAccounts })
        #expect(loaded.config.accounts.isEmpty)
    }

    @Test func suggestionsNeedToBeClose() {
        #expect(KeySuggestion.closest(to: "domian", among: ["domain", "token"]) == "domain")
        #expect(KeySuggestion.closest(to: "api_kye", among: ["api_key", "api_key_env"]) == "api_key")
        #expect(KeySuggestion.closest(to: "pagesize", among: ["page_size"]) == "page_size")
        #expect(KeySuggestion.closest(to: "token_enc", among: ["token", "token_env"]) == "token_env")
        #expect(KeySuggestion.closest(to: "colour", among: ["domain", "token", "timezone"]) == nil)
        #expect(KeySuggestion.distance(Array("ab"), Array("ba")) == 1)
        #expect(KeySuggestion.distance(Array(""), Array("abc")) == 3)
    }

    // MARK: files

    @Test func aPlainSecretInAFileOthersCanReadIsWarnedAbout() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = accountConfig("name = \"cs\"\nprovider = \"caresoft\"\ndomain = \"kh\"\ntoken = \"t\"\n")
        let fromEnvironment = accountConfig("name = \"cs\"\nprovider = \"caresoft\"\ndomain = \"kh\"\ntoken_env = \"T\"\n")

        func warnings(_ text: String, mode: Int) throws -> [ConfigWarning] {
            let url = directory.appendingPathComponent("config-\(mode)-\(text.count).toml")
            try text.write(to: url, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
            #expect(ConfigLoader.fileMode(of: url) == mode)
            return try ConfigLoader.load(contentsOf: url, environment: ["T": "x"]).warnings
        }

        let open = try warnings(plain, mode: 0o644)
        #expect(open.count == 1)
        #expect(open.first?.kind == .secretsReadableByOthers(mode: 0o644))
        #expect(open.first?.account?.name == "cs")
        #expect(open.first?.key == "token")
        #expect(open.first?.description.contains("mode 644") == true)
        #expect(try warnings(plain, mode: 0o640).count == 1, "group-readable")
        #expect(try warnings(plain, mode: 0o600).isEmpty)
        #expect(try warnings(plain, mode: 0o400).isEmpty)
        #expect(try warnings(fromEnvironment, mode: 0o644).isEmpty, "no plain secret in the file")
    }

    @Test func loadingByPathsFindsTheFileOrReportsNone() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = ["HOME": directory.path, "CARESOFT_TOKEN": "t"]
        let paths = ConfigPaths(environment: environment)
        #expect(!paths.configFileExists)
        #expect(try ConfigLoader.load(paths: paths, environment: environment) == nil)

        try FileManager.default.createDirectory(at: paths.configFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try accountConfig("name = \"cs\"\nprovider = \"caresoft\"\ndomain = \"kh\"\ntoken_env = \"CARESOFT_TOKEN\"\n")
            .write(to: paths.configFile, atomically: false, encoding: .utf8)
        #expect(paths.configFileExists)
        let loaded = try #require(try ConfigLoader.load(paths: paths, environment: environment))
        #expect(loaded.config.accounts.map(\.name) == ["cs"])
    }

    @Test func anUnreadableConfigIsAnError() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            _ = try ConfigLoader.load(contentsOf: directory, environment: [:])
            Issue.record("a directory loaded as a config")
        } catch {
            #expect(error.problems == [ConfigProblem(.unreadable(reason: "it is a directory"))])
            #expect(error.file == directory.path)
        }
        let binary = directory.appendingPathComponent("bad.toml")
        try Data([0x66, 0x6F, 0xFF, 0xFE]).write(to: binary)
        do {
            _ = try ConfigLoader.load(contentsOf: binary, environment: [:])
            Issue.record("invalid UTF-8 loaded as a config")
        } catch {
            #expect(error.problems == [ConfigProblem(.unreadable(reason: "it is not UTF-8 text"))])
        }
    }
}
