import Foundation
import Testing

@testable import CallScopeKit

/// A config that does not load says why: each problem names the account and the key.
@Suite("Config problems")
struct ConfigProblemTests {
    @Test func aSyntaxErrorNamesTheLine() throws {
        let error = try #require(configError("""
            theme = "default"

            [[account]]
            name = "cs
            provider = "caresoft"
            """))
        #expect(error.problems.count == 1)
        guard case .syntax(_, let line, _) = try #require(error.problems.first).kind else {
            Issue.record("not a syntax error: \(error)")
            return
        }
        #expect(line == 4)
        #expect(error.description.hasPrefix("test.toml: TOML syntax error at line 4"))
        #expect(error.exitCode == 2)
    }

    @Test func anUnknownProviderListsTheKnownOnes() throws {
        let error = try #require(configError(accountConfig("""
            name = "tw"
            provider = "twilio"
            token = "t"
            """)))
        #expect(error.problems == [ConfigProblem(.unknownProvider("twilio"), account: AccountReference(position: 1, name: "tw"), key: "provider")])
        #expect(error.description.contains("account \"tw\""))
        #expect(error.description.contains("key \"provider\""))
        #expect(error.description.contains("caresoft, omicall, vbot-campaign, vbot-crm, icsoc"))
    }

    @Test func caresoftWithoutDomainNamesTheKey() throws {
        let error = try #require(configError(accountConfig("""
            name = "cs"
            provider = "caresoft"
            token = "t"
            """)))
        #expect(error.problems.count == 1)
        #expect(error.contains(key: "domain", account: AccountReference(position: 1, name: "cs")))
        #expect(error.description.hasPrefix(#"test.toml: account "cs": key "domain": missing"#))
    }

    @Test(arguments: [
        ("caresoft", "domain = \"kh\"", "token"),
        ("omicall", "", "api_key"),
        ("vbot-campaign", "vbot_id = \"v\"\nproject_code = \"p\"\nbot_id = \"b\"", "token"),
        ("vbot-crm", "vbot_id = \"v\"\nproject_code = \"p\"", "token"),
        ("icsoc", "project_id = \"1\"", "token"),
    ])
    func anAccountWithNoWayToAuthenticateIsRefused(provider: String, lines: String, key: String) throws {
        let error = try #require(configError(accountConfig("name = \"a\"\nprovider = \"\(provider)\"\n\(lines)")))
        #expect(error.problems.count == 1, "\(error)")
        let problem = try #require(error.problems.first)
        guard case .noAuthentication = problem.kind else {
            Issue.record("\(problem)")
            return
        }
        #expect(problem.account == AccountReference(position: 1, name: "a"))
        #expect(problem.key == key)
    }

    @Test func anIncompleteLoginNamesEachMissingKey() throws {
        let vbot = try #require(configError(accountConfig("""
            name = "crm"
            provider = "vbot-crm"
            vbot_id = "v"
            project_code = "p"
            username = "u"
            """)))
        #expect(vbot.problems.map(\.key) == ["password"])

        let icsoc = try #require(configError(accountConfig("""
            name = "ic"
            provider = "icsoc"
            client_id = "c"
            username = "ENT|1"
            """)))
        #expect(icsoc.problems.map(\.key) == ["client_secret", "password"])
    }

    @Test func twoWaysToAuthenticateConflict() throws {
        let both = try #require(configError(accountConfig("""
            name = "omi"
            provider = "omicall"
            api_key = "k"
            token_env = "OMI_TOKEN"
            """), environment: ["OMI_TOKEN": "t"]))
        guard case .conflictingKeys("api_key", "token") = try #require(both.problems.first).kind else {
            Issue.record("\(both)")
            return
        }
        let plainAndEnv = try #require(configError(accountConfig("""
            name = "cs"
            provider = "caresoft"
            domain = "kh"
            token = "t"
            token_env = "CS_TOKEN"
            """), environment: ["CS_TOKEN": "t"]))
        #expect(plainAndEnv.problems == [ConfigProblem(.conflictingKeys("token", "token_env"), account: AccountReference(position: 1, name: "cs"), key: "token_env")])
    }

    @Test(arguments: [
        ("ftp://api.caresoft.vn", "scheme"), ("api.caresoft.vn", "scheme"), ("https://", "host"),
        ("https://user:pw@api.caresoft.vn", "credentials"), ("https://api.caresoft.vn/?a=1", "query"), ("not a url", "scheme"), ("https://api.caresoft.vn/#x", "fragment"),
    ])
    func aBadURLIsRefused(url: String, reasonWord: String) throws {
        let error = try #require(configError(accountConfig("""
            name = "cs"
            provider = "caresoft"
            domain = "kh"
            token = "t"
            base_url = "\(url)"
            """)))
        #expect(error.problems.count == 1)
        let problem = try #require(error.problems.first)
        guard case .badURL(url, let reason) = problem.kind else {
            Issue.record("\(problem)")
            return
        }
        #expect(reason.contains(reasonWord))
        #expect(problem.key == "base_url")
        #expect(problem.account?.name == "cs")
    }

    @Test func aBadAuthURLIsRefused() throws {
        let error = try #require(configError(accountConfig("""
            name = "ic"
            provider = "icsoc"
            token = "t"
            auth_url = "account.icsoc.net"
            """)))
        #expect(error.problems.map(\.key) == ["auth_url"])
    }

    @Test func duplicateNamesAreRefusedNamingBothPositions() throws {
        let error = try #require(configError("""
            [[account]]
            name = "cs"
            provider = "caresoft"
            domain = "a"
            token = "t"

            [[account]]
            name = "cs"
            provider = "caresoft"
            domain = "b"
            token = "t"
            """))
        #expect(error.problems == [ConfigProblem(.duplicateName("cs", firstPosition: 1), account: AccountReference(position: 2), key: "name")])
        #expect(error.description == #"test.toml: account #2: key "name": duplicate account name "cs" (already used by account #1); names must be unique"#)
    }

    @Test func anUnsetEnvironmentVariableIsNamed() throws {
        let error = try #require(configError(specExampleConfig, environment: specExampleEnvironment.filter { $0.key != "VBOT_PASSWORD" }))
        #expect(error.problems == [ConfigProblem(.unsetEnvironmentVariable("VBOT_PASSWORD"), account: AccountReference(position: 4, name: "vb-crm"), key: "password_env")])
        #expect(error.description.contains("VBOT_PASSWORD"))

        let empty = try #require(configError(specExampleConfig, environment: specExampleEnvironment.merging(["CARESOFT_TOKEN": ""]) { $1 }))
        #expect(empty.problems.map(\.key) == ["token_env"])
        #expect(empty.problems.first?.account?.name == "cs")
    }

    @Test(arguments: [
        ("page_size = \"100\"", "page_size"), ("max_window_days = 2.5", "max_window_days"), ("timeout_seconds = \"30\"", "timeout_seconds"),
        ("domain = 42", "domain"), ("token = 1234", "token"), ("timezone = 7", "timezone"), ("base_url = true", "base_url"),
        ("requests_per_second = [1]", "requests_per_second"), ("token_env = { name = \"X\" }", "token_env"),
    ])
    func aValueOfTheWrongTypeIsRefused(line: String, key: String) throws {
        var lines = ["name = \"cs\"", "provider = \"caresoft\"", "domain = \"kh\"", "token = \"t\""]
        lines.removeAll { $0.hasPrefix(key.replacingOccurrences(of: "_env", with: "") + " ") }
        lines.append(line)
        let error = try #require(configError(accountConfig(lines.joined(separator: "\n"))))
        let problem = try #require(error.problems.first { $0.key == key }, "\(error)")
        guard case .wrongType = problem.kind else {
            Issue.record("\(problem)")
            return
        }
        #expect(problem.account == AccountReference(position: 1, name: "cs"))
    }

    @Test func aNameOfTheWrongTypeLeavesTheAccountKnownByPosition() throws {
        let error = try #require(configError(accountConfig("""
            name = 7
            provider = "caresoft"
            token = "t"
            """)))
        #expect(Set(error.problems.map(\.key)) == ["name", "domain"])
        #expect(error.problems.allSatisfy { $0.account == AccountReference(position: 1) })
    }

    @Test(arguments: [0, -3])
    func maxWindowDaysBelowOneIsRefused(days: Int) throws {
        let error = try #require(configError(accountConfig("""
            name = "omi"
            provider = "omicall"
            api_key = "k"
            max_window_days = \(days)
            """)))
        #expect(error.problems == [ConfigProblem(.outOfRange(String(days), requirement: "must be at least 1"), account: AccountReference(position: 1, name: "omi"), key: "max_window_days")])
    }

    @Test func otherOutOfRangeNumbersAreRefused() throws {
        let error = try #require(configError(accountConfig("""
            name = "omi"
            provider = "omicall"
            api_key = "k"
            page_size = 0
            requests_per_second = 0
            timeout_seconds = -1.5
            """)))
        #expect(Set(error.problems.map(\.key)) == ["page_size", "requests_per_second", "timeout_seconds"])
    }

    @Test(arguments: [("timeout_seconds", "1e300", "must be at most 86400"), ("timeout_seconds", "inf", "must be above 0"),
                      ("requests_per_second", "1e300", "must be at most 10000"), ("requests_per_second", "nan", "must be above 0")])
    func numbersNoDurationCouldHoldAreRefusedNamingTheAccountAndTheKey(_ key: String, _ value: String, _ requirement: String) throws {
        let error = try #require(configError(accountConfig("""
            name = "omi"
            provider = "omicall"
            api_key = "k"
            \(key) = \(value)
            """)))
        #expect(error.problems.map(\.key) == [key] && error.problems.map(\.account) == [AccountReference(position: 1, name: "omi")])
        #expect(error.description.contains(requirement), "\(error)")
        #expect(error.exitCode == 2)
    }

    @Test func anUnknownTimeZoneIsRefused() throws {
        let error = try #require(configError("""
            timezone = "Moon/Tranquility"
            [[account]]
            name = "ic"
            provider = "icsoc"
            token = "t"
            timezone = "Asia/Saigon_City"
            """))
        #expect(error.problems == [
            ConfigProblem(.unknownTimeZone("Moon/Tranquility"), key: "timezone"),
            ConfigProblem(.unknownTimeZone("Asia/Saigon_City"), account: AccountReference(position: 1, name: "ic"), key: "timezone"),
        ])
    }

    @Test func anAccountWithoutANameIsCalledByItsPosition() throws {
        let error = try #require(configError("""
            [[account]]
            name = "ok"
            provider = "omicall"
            token = "t"

            [[account]]
            name = "ok2"
            provider = "omicall"
            token = "t"

            [[account]]
            provider = "caresoft"
            token = "t"
            """))
        let third = AccountReference(position: 3)
        #expect(error.problems == [
            ConfigProblem(.missingKey(why: "every account needs a unique name (what --account takes)"), account: third, key: "name"),
            ConfigProblem(.missingKey(why: "caresoft needs the path segment after the host, e.g. domain = \"khachhang01\""), account: third, key: "domain"),
        ])
        #expect(error.description.contains("test.toml: account #3: key \"domain\""))
    }

    @Test func everyProblemIsReportedNotOnlyTheFirst() throws {
        let error = try #require(configError("""
            theme = "../etc/passwd"
            [keys]
            quit = 1

            [[account]]
            name = "cs"
            provider = "caresoft"
            token_env = "MISSING"

            [[account]]
            name = "omi"
            provider = "omicall"
            api_key = "k"
            max_window_days = 0

            [[account]]
            name = "x"
            provider = "nope"
            timeout_seconds = 0
            """))
        let keys = error.problems.map { "\($0.account?.description ?? "-") \($0.key ?? "-")" }
        #expect(keys == [
            "- theme", "- keys.quit", "account \"cs\" domain", "account \"cs\" token_env", "account \"omi\" max_window_days",
            "account \"x\" provider", "account \"x\" timeout_seconds",
        ])
        #expect(error.description.split(separator: "\n").count == 7)
    }

    @Test func aRefusedConfigStillCarriesItsWarnings() throws {
        let error = try #require(configError(accountConfig("""
            name = "cs"
            provider = "caresoft"
            domian = "kh"
            token = "t"
            """)))
        #expect(error.problems.map(\.key) == ["domain"])
        #expect(error.warnings == [ConfigWarning(.unknownKey(suggestion: "domain"), file: "test.toml", account: AccountReference(position: 1, name: "cs"), key: "domian")])
        let lines = error.description.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.last?.contains("did you mean \"domain\"?") == true)
    }

    @Test func accountMustBeAnArrayOfTables() throws {
        let error = try #require(configError("account = \"cs\""))
        #expect(error.problems.map(\.key) == ["account"])
    }
}
