import ArgumentParser
import CallScopeKit
import CallScopeReceiver
import CallScopeSandbox
import CallScopeStore
import CallScopeTUI
import CMalloc
import Foundation
import Subprocess

struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "The terminal UI (the default command). With no config file it runs on the built-in sandbox."
    )

    @Option(help: "Start on this account.") var account: String?
    @Option(help: "A theme name: default, light, high-contrast, solarized-dark, mono, or one of yours.") var theme: String?
    @Flag(help: "Do not report mouse clicks and wheel (lets the terminal select text).") var noMouse = false
    @Flag(help: "Read only the local store (calls fetched before); no network.") var offline = false
    @Option(parsing: .unconditional, help: "Open on calls from this time (as in `calls`: RFC 3339, YYYY-MM-DD in the account's zone, -7d, -24h); default: 24 hours before --to.")
    var from: String?
    @Option(parsing: .unconditional, help: "Open on calls up to this time (same forms; default: now).") var to: String?
    @Option(help: "Also receive ICSOC pushes on HOST:PORT (for --account if it is ICSOC, else the first ICSOC account with a push_secret); refusals go to receiver.log in the data folder.")
    var receive: String?
    @Option(help: "Bring the list's newest calls into the store this often (30s, 5m; at least 5s), for providers that do not push; overrides `follow` in the config.")
    var follow: String?

    func validate() throws {
        _ = try FollowOption.interval(follow, offline: offline)
    }
    @OptionGroup var readOnly: ReadOnlyFlag

    func run() async throws {
        // glibc gives each thread that allocates an arena of its own (up to 8 a core), and
        // memory freed in one is not reused by another: with the sync's threads, the network's
        // and the store's, a 30-day background sync peaked at 116 MiB instead of 93 MiB with two.
        _ = callscope_limit_malloc_arenas(2)
        let environment = ProcessInfo.processInfo.environment
        let paths = ConfigPaths(environment: environment)
        var sandbox: Sandbox?
        let loaded: LoadedConfig
        if let config = try ConfigLoader.load(paths: paths, environment: environment) {
            loaded = config
        } else {
            // No config at all: the built-in sandbox, in this process, on a free loopback port.
            let demo = Sandbox(options: SandboxOptions())
            let endpoints = try await demo.start()
            loaded = try ConfigLoader.parse(SandboxConfig.toml(endpoints: endpoints, options: demo.options), file: "(sandbox)", environment: [:])
            sandbox = demo
        }
        defer { if let sandbox { Task { await sandbox.stop() } } }
        for warning in loaded.warnings { Stderr.line("callscope: \(warning)") }
        let config = readOnly.applied(to: loaded.config)
        let following = try followInterval(configured: config.follow)
        // A sandbox's tokens are its own: keep them out of the user's token cache.
        let data = sandbox == nil ? paths.dataDirectory : FileManager.default.temporaryDirectory.appendingPathComponent("callscope-sandbox-\(getpid())")
        let held = HeldStderr()
        defer { held.flush() }
        let problems = StateFileReporter(sink: held.add)
        let tokenCache = TokenCache(file: data.appendingPathComponent("tokens.json"), reporter: problems)
        // The store (its file, its schema) opens on another thread while the accounts, keys and
        // theme are made ready.
        async let storeOpening = StoreChoice.open(config.store, dataDirectory: data, writerCacheMiB: Self.writerCacheMiB)
        var providers: [String: any CallProvider] = [:]
        var summaries: [AccountSummary] = []
        for account in config.accounts {
            let client = try ProviderClients.make(account, tokenCache: tokenCache)
            providers[account.name] = client
            summaries.append(AccountSummary(name: account.name, provider: account.provider, host: account.baseURL.host ?? account.baseURL.absoluteString,
                                            timeZone: account.timeZone, maxWindowDays: client.capabilities.maxWindowDays,
                                            capabilities: client.capabilities))
        }
        var start: Int? = summaries.count == 1 ? 0 : nil
        if let name = account {
            guard let index = summaries.firstIndex(where: { $0.name == name }) else {
                throw CommandFailure.usage("no account named '\(name)' (accounts: \(summaries.map(\.name).joined(separator: ", ")))")
            }
            start = index
        }
        let opening = try openingFilter(zone: start.map { summaries[$0].timeZone } ?? summaries.first?.timeZone ?? .current)
        let (keys, keyProblems) = KeyTable.standard.rebinding(config.keys)
        let themeName = theme ?? config.theme
        let chosenTheme: Theme
        do { chosenTheme = try ThemeLoader.load(named: themeName, environment: environment) } catch {
            throw CommandFailure.usage("theme '\(themeName)': \(error) (themes: \(ThemeLoader.availableNames(environment: environment).joined(separator: ", ")))")
        }
        let store = try await storeOpening
        let receiver = try await startReceiver(config.accounts, store: store, data: data, problems: problems)
        defer { if let receiver { Task { await receiver.stop() } } }
        let recordings = RecordingLibrary(folder: paths.downloadsDirectory, index: DownloadIndex(dataDirectory: data),
                                          downloaders: config.accounts.map { RecordingDownloader(account: $0, tokenCache: tokenCache) })
        try await Self.runApp(accounts: summaries, start: start, providers: providers, keys: keys, keyProblems: keyProblems,
                              theme: chosenTheme, mouse: !noMouse, displayZone: config.displayTimeZone ?? .current,
                              badge: sandbox == nil ? nil : "sandbox", store: store, offline: offline, recordings: recordings,
                              opening: opening, keepDays: config.keepDays, follow: following, readOnly: config.readOnly)
    }

    /// `--follow`, else the config's `follow`, which `--offline` turns off (there is nothing to bring in).
    private func followInterval(configured: FollowInterval?) throws -> FollowInterval? {
        try FollowOption.interval(follow, offline: offline) ?? (offline ? nil : configured)
    }

    /// The store writer's page cache while the user reads: with the bulk writer's 32 MiB, the
    /// background sync of a 30-day range of a busy account (250,000 calls) peaked at 136 MiB; 108
    /// MiB with 8.
    static let writerCacheMiB = 8

    /// The range every account opens on, as the filter form's texts (so `-30d` stays relative
    /// and a date is read in each account's zone); refused here, before the screen, when it is
    /// not a range.
    private func openingFilter(zone: TimeZone) throws -> FilterValues {
        var values = FilterValues()
        let range = try TimeArgument.range(from: from, to: to, in: zone, now: Date())
        if let from { values.from = from }
        if let to {
            values.to = to
            // Without --from the range is the 24 hours before --to, as in `calls`.
            if from == nil { values.from = RFC3339.string(from: range.from) }
        }
        return values
    }

    /// With `--receive`, the ICSOC push receiver runs in this process and stores into the same
    /// store the TUI watches; where it listens (port 0: the kernel's choice) and its refusals go to
    /// receiver.log in the data folder, never to the screen.
    private func startReceiver(_ accounts: [AccountConfig], store: any CallStoring, data: URL, problems: StateFileReporter) async throws -> RunningReceiver? {
        guard let receive else { return nil }
        let (host, port) = try ReceiveCommand.parseListen(receive)
        let chosen = accounts.first { $0.name == account && $0.provider == .icsoc }
            ?? accounts.first { $0.icsoc?.pushSecret != nil }
        guard let icsoc = chosen else { throw CommandFailure.usage("--receive needs an ICSOC account with a push_secret in the config") }
        let log = AppendLog(file: data.appendingPathComponent("receiver.log"), problems: problems)
        let receiver = try ReceiveCommand.receiver(for: icsoc, host: host, port: port, store: store, log: log.append)
        do {
            let running = try await receiver.start()
            log.append(ReceiveCommand.listeningLine(account: icsoc.name, host: host, port: running.port))
            return running
        } catch {
            throw CommandFailure(message: "receiver on \(receive): \(error)", exitCode: 1)
        }
    }

    @MainActor
    static func runApp(accounts: [AccountSummary], start: Int?, providers: [String: any CallProvider], keys: KeyTable, keyProblems: [String],
                       theme: Theme, mouse: Bool, displayZone: TimeZone, badge: String?,
                       store: any CallStoring, offline: Bool, recordings: RecordingLibrary, opening: FilterValues = FilterValues(),
                       keepDays: Int? = nil, follow: FollowInterval? = nil, readOnly: Bool = false) async throws {
        try await NCursesBackend.run(options: NCursesBackend.Options(mouse: mouse, theme: theme)) { backend in
            var state = AppState(accounts: accounts, size: backend.size, displayZone: displayZone, keys: keys, badge: badge)
            state.offline = offline
            state.readOnly = readOnly
            state.openingFilter = opening
            state.follow = follow.map(FollowState.init)
            // `x` proposes the folder `download` saves to.
            state.export.folder = recordings.folder.path
            state.unicode = backend.isUTF8
            if let problem = keyProblems.first { state.status = StatusLine(kind: .error, text: problem) }
            let initial = start.map { state.choose(account: $0) } ?? []
            let controller = AppController(state: state, backend: backend, providers: providers, store: store, recordings: recordings,
                                           openFile: { file in await Self.open(file, with: "CALLSCOPE_PLAYER", backend: backend) },
                                           openURL: { url in await Self.open(url, with: "BROWSER", backend: backend) })
            controller.keepDays = keepDays
            await controller.run(initial: initial)
        }
    }

    /// Opens a recording's URL with `$BROWSER`, or a downloaded one with `$CALLSCOPE_PLAYER`
    /// (`mpv --no-video`: words split at spaces; a terminal program gets the terminal meanwhile)
    /// or, without one, `xdg-open` (its output discarded: it would land on the screen). Returns
    /// why it failed, for the status line. The reducer lets only http(s) URLs and our own files here.
    @MainActor
    static func open(_ target: String, with variable: String, backend: NCursesBackend) async -> String? {
        let program = (ProcessInfo.processInfo.environment[variable] ?? "").split(separator: " ").map(String.init)
        if let executable = program.first {
            do {
                let status = try await backend.runInteractive(executable, arguments: Array(program.dropFirst()) + [target])
                return status == 0 ? nil : "$\(variable) (\(executable)) ended with status \(status)"
            } catch {
                return "$\(variable) (\(executable)) could not be started: \(error)"
            }
        }
        do {
            let result = try await Subprocess.run(.name("xdg-open"), arguments: [target], output: .discarded, error: .discarded)
            return result.terminationStatus.isSuccess ? nil : "xdg-open could not open it (\(result.terminationStatus)); set $\(variable)"
        } catch {
            return "xdg-open could not be started (\(error)); set $\(variable)"
        }
    }
}
