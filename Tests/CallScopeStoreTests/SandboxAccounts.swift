import CallScopeKit
import CallScopeSandbox
import Foundation
@testable import CallScopeStore

/// A sandbox on an ephemeral port, the accounts of the config it prints, and a store.
struct SandboxAccounts {
    let sandbox: Sandbox
    let accounts: [AccountConfig]
    let tokenCache: TokenCache
    let location: StoreLocation

    func account(_ provider: ProviderKind) -> AccountConfig { accounts.first { $0.provider == provider }! }

    /// The provider's own client (no store).
    func client(_ provider: ProviderKind) throws -> any CallProvider {
        try ProviderClients.make(account(provider), tokenCache: tokenCache)
    }

    /// The test's store: a second call opens it again, as a new process would.
    func openStore() async throws -> any CallStoring { try await location.open() }

    func cached(_ provider: ProviderKind, store: any CallStoring) throws -> CachedCallProvider {
        CachedCallProvider(try client(provider), store: store, readOnly: false)
    }

    /// The last day of calls.
    var recent: CallQuery { CallQuery(from: Date().addingTimeInterval(-86400), to: Date()) }
}

func withSandboxAccounts<T>(_ backend: StoreBackend, _ body: (SandboxAccounts) async throws -> T) async throws -> T {
    var options = SandboxOptions()
    options.callsPerProvider = 300
    options.seed = 3
    let sandbox = Sandbox(options: options)
    let endpoints = try await sandbox.start()
    do {
        let accounts = try ConfigLoader.parse(SandboxConfig.toml(endpoints: endpoints, options: options), environment: [:]).config.accounts
        let result = try await withTemporaryFolder { folder in
            try await withStoreLocation(backend) { location in
                try await body(SandboxAccounts(sandbox: sandbox, accounts: accounts,
                                               tokenCache: TokenCache(file: folder.appendingPathComponent("tokens.json")), location: location))
            }
        }
        await sandbox.stop()
        return result
    } catch {
        await sandbox.stop()
        throw error
    }
}
