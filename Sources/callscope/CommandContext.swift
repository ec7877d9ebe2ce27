import CallScopeKit
import CallScopeStore
import Foundation

/// What every provider command needs: the loaded config (its warnings printed, `--readonly` laid
/// over it), the data folder, and the client of the account asked for.
struct CommandContext {
    let config: AppConfig
    let paths: ConfigPaths
    let tokenCache: TokenCache

    static func load(_ readOnly: ReadOnlyFlag, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> CommandContext {
        let paths = ConfigPaths(environment: environment)
        guard let loaded = try ConfigLoader.load(paths: paths, environment: environment) else {
            throw CommandFailure.usage("""
                no config file at \(paths.configFile.path).
                Write one (see README.md), point CALLSCOPE_CONFIG at one, or try the built-in sandbox:
                  callscope sandbox > config.toml &   then   CALLSCOPE_CONFIG=config.toml callscope calls --account omi
                """)
        }
        for warning in loaded.warnings { Stderr.line("callscope: \(warning)") }
        return CommandContext(config: readOnly.applied(to: loaded.config), paths: paths,
                              tokenCache: TokenCache(file: paths.dataDirectory.appendingPathComponent("tokens.json"),
                                                    reporter: StateFileReporter { Stderr.line($0) }))
    }

    func account(_ name: String) throws -> AccountConfig {
        guard let account = config.account(named: name) else {
            let known = config.accounts.map(\.name).joined(separator: ", ")
            throw CommandFailure.usage("no account named '\(name)' in \(paths.configFile.path) (accounts: \(known.isEmpty ? "none" : known))")
        }
        return account
    }

    func client(_ account: AccountConfig) throws -> any CallProvider {
        try ProviderClients.make(account, tokenCache: tokenCache)
    }

    /// The team store of `[store]`, else the local store in the data folder (created on first use).
    func store() async throws -> any CallStoring {
        try await StoreChoice.open(config.store, dataDirectory: paths.dataDirectory)
    }

    /// The account's client with every fetch stored and notes merged (write-through); read-only
    /// when the config is.
    func cachedClient(_ account: AccountConfig, store: any CallStoring) throws -> CachedCallProvider {
        CachedCallProvider(try client(account), store: store, readOnly: config.readOnly)
    }
}
