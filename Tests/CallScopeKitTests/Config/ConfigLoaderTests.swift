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
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-config-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
