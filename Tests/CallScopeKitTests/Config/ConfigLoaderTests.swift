import Foundation
import Testing

@testable import CallScopeKit

@Suite("Config loading")
struct ConfigLoaderTests {
    // MARK: the spec's example

    @Test func theSpecExampleLoadsWithItsEnvironment() throws {
        let loaded = try loadConfig(specExampleConfig, environment: specExampleEnvironment)
        let config = loaded.config
        #expect(config.theme == "default")
        #expect(config.displayTimeZone?.identifier == "Asia/Ho_Chi_Minh")
        #expect(config.accounts.map(\.name) == ["cs", "omi", "vb-camp", "vb-crm", "ic"])
        #expect(config.accounts.map(\.provider) == [.caresoft, .omicall, .vbotCampaign, .vbotCRM, .icsoc])
        #expect(config.accounts.map(\.position) == [1, 2, 3, 4, 5])
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")

        let cs = try #require(config.account(named: "cs"))
        #expect(cs.baseURL.absoluteString == "https://api.caresoft.vn")
        #expect(cs.caresoft == CareSoftSettings(domain: "khachhang01", token: Secret("cs-token-1", origin: .environment("CARESOFT_TOKEN"))))
        #expect(cs.caresoft?.token.reveal == "cs-token-1")

        let omi = try #require(config.account(named: "omi"))
        #expect(omi.maxWindowDays == 3)
        #expect(omi.omicall?.auth == .apiKey(Secret("omi-key-2", origin: .environment("OMICALL_API_KEY"))))

        let camp = try #require(config.account(named: "vb-camp"))
        #expect(camp.baseURL.absoluteString == "https://open-api.vbot.vn/v2.0")
        #expect(camp.vbot == VBotSettings(vbotID: "…", projectCode: "…", botID: "…", auth: .token(Secret("vbot-token-3", origin: .environment("VBOT_TOKEN")))))

        let crm = try #require(config.account(named: "vb-crm"))
        guard case .vbotCRM(let crmSettings) = crm.settings else {
            Issue.record("vb-crm is \(crm.settings)")
            return
        }
        #expect(crmSettings.botID == nil)
        #expect(crmSettings.auth == .password(username: "…", password: Secret("vbot-pass-4", origin: .environment("VBOT_PASSWORD"))))

        let ic = try #require(config.account(named: "ic")?.icsoc)
        #expect(ic.authURL.absoluteString == "https://account.icsoc.net")
        #expect(ic.projectID == "10008")
        #expect(ic.pushSecret?.reveal == "ic-push-7")
        #expect(ic.auth == .password(
            clientID: "…", clientSecret: Secret("ic-secret-5", origin: .environment("ICSOC_CLIENT_SECRET")),
            username: "ENT|1001", password: Secret("ic-pass-6", origin: .environment("ICSOC_PASSWORD"))))
        #expect(config.account(named: "ic")?.timeZone.identifier == "Asia/Shanghai")
    }

    /// The copy above must stay the spec's text: when shared/ is beside the project, compare.
    @Test func theEmbeddedExampleIsTheSpecsText() throws {
        let specURL = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/spec/cli-and-config.md")
        guard let spec = try? String(contentsOf: specURL, encoding: .utf8) else { return }
        let block = try #require(spec.components(separatedBy: "```toml\n").dropFirst().first?.components(separatedBy: "\n```").first)
        #expect(block == specExampleConfig)
    }

    // MARK: defaults

    @Test func providersFillInTheirDefaults() throws {
        let text = """
            [[account]]
            name = "cs"
            provider = "caresoft"
            domain = "kh"
            token = "t"

            [[account]]
            name = "omi"
            provider = "omicall"
            token = "t"

            [[account]]
            name = "camp"
            provider = "vbot-campaign"
            vbot_id = 123
            project_code = "P"
            bot_id = "B"
            token = "t"

            [[account]]
            name = "crm"
            provider = "vbot-crm"
            vbot_id = "V"
            project_code = "P"
            token = "t"

            [[account]]
            name = "ic"
            provider = "icsoc"
            token = "t"
            """
        let config = try loadConfig(text).config
        #expect(config.theme == "default")
        #expect(config.displayTimeZone == nil)
        #expect(config.keys.isEmpty)
        let accounts = Dictionary(uniqueKeysWithValues: config.accounts.map { ($0.name, $0) })
        #expect(accounts["cs"]?.baseURL == URL(string: "https://api.caresoft.vn"))
        #expect(accounts["omi"]?.baseURL == URL(string: "https://public-v1-stg.omicall.com"))
        #expect(accounts["camp"]?.baseURL == URL(string: "https://open-api.vbot.vn/v2.0"))
        #expect(accounts["crm"]?.baseURL == URL(string: "https://open-api.vbot.vn/v2.0"))
        #expect(accounts["ic"]?.baseURL == URL(string: "https://autocall.icsoc.net"))
        #expect(accounts["ic"]?.icsoc?.authURL == URL(string: "https://account.icsoc.net"))

        #expect(accounts["cs"]?.pageSize == 500)
        #expect(accounts["omi"]?.pageSize == 100)
        #expect(accounts["camp"]?.pageSize == 100)
        #expect(accounts["crm"]?.pageSize == 100)
        #expect(accounts["ic"]?.pageSize == 100)

        #expect(accounts["cs"]?.requestsPerSecond == 15)
        #expect(accounts["omi"]?.requestsPerSecond == nil)
        #expect(accounts["cs"]?.maxWindowDays == 31)
        #expect(accounts["omi"]?.maxWindowDays == 3)
        #expect(accounts["ic"]?.maxWindowDays == nil)
        #expect(config.accounts.allSatisfy { $0.timeoutSeconds == 30 })

        for name in ["cs", "omi", "camp", "crm"] {
            #expect(accounts[name]?.timeZone.identifier == "Asia/Ho_Chi_Minh", "\(name)")
        }
        #expect(accounts["ic"]?.timeZone.identifier == "Asia/Shanghai")
        #expect(accounts["camp"]?.vbot?.vbotID == "123", "an integer id is read as its digits")
    }

    @Test func commonKeysOverrideTheDefaults() throws {
        let loaded = try loadConfig(accountConfig("""
            name = "omi"
            provider = "omicall"
            base_url = "http://127.0.0.1:8080/omi/"
            api_key = "k"
            timezone = "UTC"
            page_size = 50
            max_window_days = 30
            requests_per_second = 2.5
            timeout_seconds = 5
            """))
        let omi = try #require(loaded.config.accounts.first)
        #expect(omi.baseURL.absoluteString == "http://127.0.0.1:8080/omi", "trailing slash removed")
        #expect(omi.timeZone.secondsFromGMT(for: Date()) == 0, "UTC (Foundation may call it GMT)")
        #expect(omi.pageSize == 50)
        #expect(omi.maxWindowDays == 30)
        #expect(omi.requestsPerSecond == 2.5)
        #expect(omi.timeoutSeconds == 5)
    }

    @Test func valuesAboveAProvidersLimitAreLoweredWithAWarning() throws {
        let loaded = try loadConfig(accountConfig("""
            name = "cs"
            provider = "caresoft"
            domain = "kh"
            token_env = "T"
            page_size = 1000
            max_window_days = 60
            requests_per_second = 50
            """), environment: ["T": "x"])
        let cs = try #require(loaded.config.accounts.first)
        #expect(cs.pageSize == 500)
        #expect(cs.maxWindowDays == 31)
        #expect(cs.requestsPerSecond == 15)
        #expect(Set(loaded.warnings.map(\.key)) == ["page_size", "max_window_days", "requests_per_second"])
        #expect(loaded.warnings.allSatisfy { $0.account == AccountReference(position: 1, name: "cs") })
    }

    @Test func topLevelKeysTableIsReadAsStrings() throws {
        let loaded = try loadConfig("""
            theme = "solarized-dark"
            [keys]
            quit = "Q"
            "filter.phone" = "ctrl-p"
            """)
        #expect(loaded.config.theme == "solarized-dark")
        #expect(loaded.config.keys == ["quit": "Q", "filter.phone": "ctrl-p"])
        #expect(loaded.warnings.map(\.kind) == [.noAccounts])
    }

    // MARK: secrets

    @Test func secretsComeFromTheEnvironmentOrTheFile() throws {
        let loaded = try loadConfig(accountConfig("""
            name = "ic"
            provider = "icsoc"
            client_id = "c"
            client_secret = "plain-secret"
            username = "ENT|1"
            password_env = "IC_PW"
            push_secret_env = "IC_PUSH"
            """), environment: ["IC_PW": "pw", "IC_PUSH": "push"])
        let ic = try #require(loaded.config.accounts.first?.icsoc)
        guard case .password(_, let clientSecret, _, let password) = ic.auth else {
            Issue.record("auth is \(ic.auth)")
            return
        }
        #expect(clientSecret.reveal == "plain-secret")
        #expect(clientSecret.origin == .configFile)
        #expect(password.reveal == "pw")
        #expect(password.origin == .environment("IC_PW"))
        #expect(ic.pushSecret?.reveal == "push")
    }

    @Test func secretsNeverPrintTheirValue() throws {
        let secret = Secret("hunter2", origin: .environment("PW"))
        #expect(secret.description == "••••")
        #expect("\(secret)" == "••••")
        #expect(!String(reflecting: secret).contains("hunter2"))
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(secret.maskedDescription == "•••• (from $PW)")

        let config = try loadConfig(accountConfig("""
            name = "cs"
            provider = "caresoft"
            domain = "kh"
            token = "hunter2"
            """)).config
        var everything = ""
        dump(config, to: &everything)
        #expect(!everything.contains("hunter2"), "dump of the whole config shows no secret")
        #expect(!String(describing: config).contains("hunter2"))
        let fields = try #require(config.accounts.first).displayFields
        #expect(fields.first { $0.key == "token" }?.value == "••••")
        #expect(!fields.contains { $0.value.contains("hunter2") })
    }

    // MARK: errors, each naming the account and the key

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

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-config-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
