import CallScopeKit
import CallScopeStore
import Foundation

/// Runs the app: terminal events become actions, `reduce` changes the state, effects run as
/// tasks that report back with actions, and every change is drawn. Everything here runs on the
/// main actor, the one thread that talks to the terminal; the network work happens in the
/// providers' own tasks.
@MainActor
public final class AppController {
    /// Hands a file or URL to another program; the problem when it could not be started.
    public typealias Opener = @MainActor (String) async -> String?

    public private(set) var state: AppState
    let backend: any TerminalBackend
    /// Each account's provider client (the sync engine brings its calls into the store).
    let providers: [String: any CallProvider]
    /// The store every list reads: calls, notes and tags, the outbox, search.
    let store: any CallStoring
    /// Opens a recording's URL in the browser; returns why it could not, if it could not.
    let openURL: Opener
    /// Downloads recordings (`d`) into the downloads folder and its index.
    let recordings: RecordingLibrary?
    /// Plays a downloaded recording; returns why it could not, if it could not.
    let openFile: Opener
    /// `[store] keep_days`: each sync prunes what is older.
    public var keepDays: Int?
    /// The running downloads, by call.
    var downloadTasks: [DownloadKey: Task<Void, Never>] = [:]
    /// The running syncs, by id.
    private var syncs: [Int: Task<Void, Never>] = [:]
    private var ticker: Task<Void, Never>?
    /// `--follow`'s clock (`.followTick` every interval).
    private var follower: Task<Void, Never>?
    /// Watches the store for changes (`watchStore`), from the list's first rows on.
    private var watcher: Task<Void, Never>?
    /// Reports being made, by id (`AppController+Report`).
    var reportTasks: [Int: Task<Void, Never>] = [:]
    /// Exports being written, by id (`AppController+Export`).
    var exportTasks: [Int: Task<Void, Never>] = [:]

    public init(state: AppState, backend: any TerminalBackend, providers: [String: any CallProvider], store: any CallStoring,
                recordings: RecordingLibrary? = nil, openFile: Opener? = nil, openURL: @escaping Opener) {
        self.state = state
        self.backend = backend
        self.providers = providers
        self.store = store
        self.recordings = recordings
        self.openFile = openFile ?? openURL
        self.openURL = openURL
    }

    /// Runs until the user quits or a signal ends it; `initial` effects first (the first fetch).
    public func run(initial: [Effect] = []) async {
        state.size = backend.size
        perform(initial)
        draw()
        startWatchingOnceTheListIsRead()
        startFollowing()
        defer {
            watcher?.cancel()
            follower?.cancel()
        }
        for await event in backend.events {
            switch event {
            case .key(.resize): send(.resized(backend.size))
            case .key(let key): send(.key(key))
            case .signal(let signal): send(.signal(signal))
            }
            if state.quitting { break }
        }
        for sync in syncs.values { sync.cancel() }
        for download in downloadTasks.values { download.cancel() }
        await cancelExports()
        ticker?.cancel()
    }

    public func send(_ action: Action) {
        state.now = Date()
        perform(reduce(&state, action))
        draw()
        startWatchingOnceTheListIsRead()
    }

    /// The store watcher (its own connection) and the downloads index wait for the list's first
    /// rows, so that on a 2-core machine they do not share the cores with that read (a few
    /// milliseconds of the start). What was committed meanwhile is read when the watcher starts
    /// listening (`.listening`).
    private func startWatchingOnceTheListIsRead() {
        guard watcher == nil, state.list.read == nil else { return }
        watcher = Task { await watchStore() }
        perform([.loadDownloads])
    }

    /// The store's changes (a sync's pages, calls pushed to a receiver in this process or another
    /// one, on any machine of a team store, edits) become `.storeChanged`, and the list reads the
    /// rows around its selection again: the team store tells at once (LISTEN/NOTIFY), the SQLite
    /// file within a moment (its `data_version`).
    private func watchStore() async {
        guard let changes = store.changes() else { return }
        var lost = false
        for await change in changes {
            switch change {
            case .listening:
                if lost { send(.storeBack) }
                lost = false
                send(.storeChanged(account: nil))
            case .calls(let account): send(.storeChanged(account: account))
            case .anything: send(.storeChanged(account: nil))
            case .lost(let reason):
                if !lost { send(.storeLost(reason)) }
                lost = true
            }
        }
    }

    private func draw() { backend.present(Render.screen(state)) }

    /// The least time between two progress reports of a sync (the newest is kept meanwhile).
    static let progressInterval: Duration = .milliseconds(250)

    private func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .sync(let id, let account, let query): startSync(id: id, account: account, query: query)
            case .cancelSync(let id): syncs.removeValue(forKey: id)?.cancel()
            case .readWindow(let id, let query, let anchor, let limit, let count):
                readOffMain { [store] in
                    do {
                        return .windowRead(read: id, try await store.window(query, at: anchor, limit: limit, count: count))
                    } catch {
                        return .windowFailed(read: id, message: "\(error)")
                    }
                }
            case .countList(let list, let query):
                readOffMain { [store] in
                    do {
                        return .listCounted(list: list, total: try await store.count(query))
                    } catch {
                        return .listCountFailed(list: list, message: "\(error)")
                    }
                }
            case .loadConversation(let account, let callID):
                guard let provider = providers[account] as? any BotConversationProviding else { continue }
                Task {
                    let text: String
                    do { text = try await provider.botConversation(id: callID) } catch { text = "(could not be loaded: \(error))" }
                    send(.conversationLoaded(callID: callID, text: text))
                }
            case .loadRecord(let account, let callID):
                Task {
                    let raw: Result<JSONValue, ProviderRecord.Problem>
                    do {
                        raw = try await store.call(account: account, id: callID).map { .success($0.raw) }
                            ?? .failure(.init(message: "no longer in the store"))
                    } catch {
                        raw = .failure(.init(message: "\(error)"))
                    }
                    send(.recordLoaded(ProviderRecord(callID: callID, raw: raw)))
                }
            case .loadKnownTags(let account):
                Task { send(.knownTagsLoaded(account: account, (try? await store.knownTags(account: account)) ?? [])) }
            case .loadAnnotationState(let account, let callID):
                Task {
                    guard let text = try? await store.annotationState(account: account, id: callID).description else { return }
                    send(.annotationStateLoaded(callID: callID, text))
                }
            case .save(let account, let callID, let note, let tags): save(account: account, callID: callID, note: note, tags: tags)
            case .syncEdits(let account):
                guard let provider = providers[account] else { continue }
                Task {
                    // A send that fails stays pending with its reason, which the detail pane shows.
                    _ = try? await EditSender(store: store, readOnly: state.readOnly).sync(via: provider)
                    if let id = state.selectedCall?.id, state.detail.open {
                        send(.annotationStateLoaded(callID: id, (try? await store.annotationState(account: account, id: id).description) ?? ""))
                    }
                }
            case .report(let id, let account, let query, let text, let slicing):
                startReport(id: id, account: account, query: query, text: text, slicing: slicing)
            case .cancelReport(let id):
                reportTasks.removeValue(forKey: id)?.cancel()
            case .openURL(let url): launch(url, with: openURL)
            case .download(let call): startDownload(call)
            case .cancelDownload(let key):
                downloadTasks[key]?.cancel()
                downloadTasks[key] = nil
            case .openFile(let file, let url): play(file, url: url)
            case .loadDownloads: loadDownloads()
            case .export(let id, let query, let sync, let format, let path):
                startExport(id: id, query: query, sync: sync, format: format, path: path)
            case .cancelExport(let id): exportTasks[id]?.cancel()
            case .copy(let text): backend.copyToClipboard(text)
            case .redraw: backend.invalidate()
            case .quit: break
            }
        }
    }

    /// Starts the player or browser; the status line says so when it cannot be started.
    func launch(_ target: String, with opener: @escaping Opener) {
        Task { if let problem = await opener(target) { send(.openFailed(problem)) } }
    }

    /// Reads the store from another thread at once, without waiting for the main actor to
    /// finish the frame it is drawing (the list's first rows come a frame sooner), and reports
    /// on the main actor.
    private func readOffMain(_ read: @escaping @Sendable () async -> Action) {
        Task.detached { await self.send(await read()) }
    }

    /// Saves through the caching provider (outbox then the provider for OMICall, the store for
    /// the others); offline, an OMICall edit is only queued. Reports where the edit stands;
    /// read-only, the provider refuses it.
    private func save(account: String, callID: String, note: String, tags: [String]) {
        let provider = providers[account].map { CachedCallProvider($0, store: store, readOnly: state.readOnly) }
        let offline = state.offline
        Task {
            var record: CallRecord?
            var failure: String?
            do {
                guard let provider else { throw CallScopeTUIError("\(account): no such account") }
                if offline, provider.capabilities.remoteAnnotations {
                    record = try await provider.queue(id: callID, note: note, tags: tags)
                } else {
                    record = try await provider.annotate(id: callID, note: note, tags: tags)
                }
            } catch let error as EditNotSent {
                failure = error.reason
            } catch {
                failure = "\(error)"
            }
            var text = failure.map { "failed: \($0)" } ?? "synced"
            if let stored = try? await store.annotationState(account: account, id: callID) { text = stored.description }
            send(.editSaved(callID: callID, note: note, tags: tags, record: record, state: text, error: failure))
        }
    }

    /// Syncs the list's range into the store with the sync engine (what the store already holds
    /// is not fetched again; memory bounded whatever the range); its progress, end or failure come
    /// back as actions, the newest progress only (nothing queues up while the screen is busy).
    private func startSync(id: Int, account: String, query: CallQuery) {
        guard let provider = providers[account] else {
            send(.syncFailed(sync: id, message: "\(account): no such account"))
            return
        }
        let engine = SyncEngine(provider: provider, store: store, keepDays: keepDays)
        let (progress, reporter) = AsyncStream.makeStream(of: SyncProgress.self, bufferingPolicy: .bufferingNewest(1))
        // At most a few a second: each reads the rows around the selection and counts the list again.
        let relay = Task {
            for await step in progress {
                send(.syncProgress(sync: id, step))
                try? await Task.sleep(for: Self.progressInterval)
            }
        }
        syncs[id] = Task {
            defer { reporter.finish() }
            do {
                let result = try await engine.sync(query, progress: { reporter.yield($0) })
                reporter.finish()
                await relay.value
                send(.syncFinished(sync: id, calls: result.calls))
            } catch is CancellationError {
            } catch {
                if !Task.isCancelled { send(.syncFailed(sync: id, message: "\(error)")) }
            }
            syncs[id] = nil
        }
        startTicker()
    }

    /// Sends `.followTick` every interval of `--follow`; the reducer decides whether it syncs
    /// (not while a sync runs). The task only sleeps between ticks: the screen never waits on it.
    private func startFollowing() {
        guard let interval = state.follow?.interval.duration else { return }
        follower = Task {
            while true {
                do { try await Task.sleep(for: interval) } catch { return }
                send(.followTick)
            }
        }
    }

    /// Moves the spinner while something loads.
    private func startTicker() {
        guard ticker == nil else { return }
        ticker = Task {
            while !Task.isCancelled, state.list.syncing {
                try? await Task.sleep(for: .milliseconds(120))
                send(.tick)
            }
            ticker = nil
        }
    }
}

struct CallScopeTUIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
