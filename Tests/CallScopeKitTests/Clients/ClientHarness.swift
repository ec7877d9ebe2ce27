import Foundation
import Testing
@testable import CallScopeKit
@testable import CallScopeSandbox

/// A fixed "now" so the generated calls are the same on every run.
let clientAnchor = Date(timeIntervalSince1970: 1_790_000_000)

/// A running sandbox and the accounts that point at it.
struct SandboxFixture {
    let sandbox: Sandbox
    let endpoints: SandboxEndpoints
    let tokenCache: TokenCache
    var credentials: SandboxCredentials { sandbox.options.credentials }

    /// The account of `provider` from the config the sandbox prints, as a user would load it.
    func account(_ provider: ProviderKind, pageSize: Int? = nil, maxWindowDays: Int? = nil) -> AccountConfig {
        let text = SandboxConfig.toml(endpoints: endpoints, options: sandbox.options)
        var account = try! ConfigLoader.parse(text, environment: [:]).config.accounts.first { $0.provider == provider }!
        if let pageSize { account.pageSize = pageSize }
        if let maxWindowDays { account.maxWindowDays = maxWindowDays }
        return account
    }

    func client(_ provider: ProviderKind, pageSize: Int? = nil, maxWindowDays: Int? = nil, cache: TokenCache? = nil) throws -> any CallProvider {
        try ProviderClients.make(account(provider, pageSize: pageSize, maxWindowDays: maxWindowDays), tokenCache: cache ?? tokenCache)
    }

    /// How many calls of the sandbox's history for `provider` start within `from...to` and
    /// belong to the account (its bot, its project): computed from the simulator's own data.
    func expectedCount(_ provider: ProviderKind, from: Date, to: Date) -> Int {
        let range = { (stream: CallStream) in stream.indices(startingFrom: Int64(from.timeIntervalSince1970.rounded(.up)), to: Int64(to.timeIntervalSince1970)) }
        switch provider {
        case .caresoft: return range(sandbox.caresoft.stream).count
        case .omicall: return range(sandbox.omicall.stream).count
        case .vbotCRM: return range(sandbox.vbot.crm.stream).count
        case .vbotCampaign:
            let campaign = sandbox.vbot.campaign
            return range(campaign.stream).filter { campaign.bot(campaign.stream.call($0)) == credentials.vbotBotIDs[0] }.count
        case .icsoc:
            let stream = sandbox.icsoc.stream
            return range(stream).filter { stream.icsocCall($0, projectID: credentials.icsocProjectID).projectID == credentials.icsocProjectID }.count
        }
    }
}

@discardableResult
func withClients<T>(calls: Int = 800, _ configure: (inout SandboxOptions) -> Void = { _ in },
                    _ body: (SandboxFixture) async throws -> T) async throws -> T {
    var options = SandboxOptions()
    options.callsPerProvider = calls
    options.anchor = clientAnchor
    options.seed = 11
    configure(&options)
    let sandbox = Sandbox(options: options)
    let endpoints = try await sandbox.start()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-test-\(UUID().uuidString)")
    let fixture = SandboxFixture(sandbox: sandbox, endpoints: endpoints, tokenCache: TokenCache(file: folder.appendingPathComponent("tokens.json")))
    defer { try? FileManager.default.removeItem(at: folder) }
    do {
        let result = try await body(fixture)
        await sandbox.stop()
        return result
    } catch {
        await sandbox.stop()
        throw error
    }
}

let allProviders: [ProviderKind] = [.caresoft, .omicall, .vbotCampaign, .vbotCRM, .icsoc]

func days(_ n: Double) -> TimeInterval { n * 86400 }
