import CallScopeKit
import CallScopeStore
import Foundation

/// Runs the app: terminal events become actions, `reduce` changes the state, effects run as
/// tasks that report back with actions, and every change is drawn. Everything here runs on the
/// main actor, the one thread that talks to the terminal; the network work happens in the
/// providers' own tasks.
@MainActor
public final class AppController {
    public private(set) var state: AppState
    let backend: any TerminalBackend
    let providers: [String: any CallProvider]
    /// The local store: the cache shown at once, notes and tags, the outbox, search. The
    /// providers are expected to be `CachedCallProvider`s over it.
    let store: (any CallStoring)?
    let openURL: @MainActor (String) async -> Void
    /// Downloads recordings (`d`) into the downloads folder and its index.
    let recordings: RecordingLibrary?
    /// Plays a downloaded recording.
    let openFile: @MainActor (String) async -> Void
    /// The running downloads, by call.
    var downloadTasks: [DownloadKey: Task<Void, Never>] = [:]
    private var fetches: [Int: (task: Task<Void, Never>, demand: AsyncStream<Void>.Continuation)] = [:]
    private var ticker: Task<Void, Never>?
    /// Reports being made, by id (`AppController+Report`).
    var reportTasks: [Int: Task<Void, Never>] = [:]
    /// Exports being written, by id (`AppController+Export`).
    var exportTasks: [Int: Task<Void, Never>] = [:]

    public init(state: AppState, backend: any TerminalBackend, providers: [String: any CallProvider], store: (any CallStoring)? = nil,
                recordings: RecordingLibrary? = nil, openFile: (@MainActor (String) async -> Void)? = nil,
                openURL: @escaping @MainActor (String) async -> Void) {
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
        perform(initial + [.loadDownloads])
        draw()
        let watcher = Task { await watchPushedCalls() }
        defer { watcher.cancel() }
        for await event in backend.events {
            switch event {
            case .key(.resize): send(.resized(backend.size))
            case .key(let key): send(.key(key))
            case .signal(let signal): send(.signal(signal))
            }
            if state.quitting { break }
        }
        for fetch in fetches.values { fetch.task.cancel() }
        for download in downloadTasks.values { download.cancel() }
        await cancelExports()
        ticker?.cancel()
    }

    public func send(_ action: Action) {
        state.now = Date()
        perform(reduce(&state, action))
        draw()
    }

    /// Calls pushed to an account (ICSOC) reach the store from a receiver in this process
    /// (`tui --receive`) or in another one (`callscope receive`, on any machine of a team
    /// store): the newest of the current filter are read again when the store announces a change
    /// of the account (the team store), or every `pushPollInterval` (the SQLite file), and the new
    /// ones join the list.
    private func watchPushedCalls() async {
        guard let store else { return }
        guard let changes = store.changes() else {
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.pushPollInterval)
                await readNewest(store, changedAccount: nil)
            }
            return
        }
        var lost = false
        for await change in changes {
            switch change {
            case .listening:
                if lost { send(.storeBack) }
                lost = false
                await readNewest(store, changedAccount: nil)
            case .calls(let account):
                await readNewest(store, changedAccount: account)
            case .lost(let reason):
                if !lost { send(.storeLost(reason)) }
                lost = true
            }
        }
    }

    private func readNewest(_ store: any CallStoring, changedAccount: String?) async {
        guard let account = state.account, account.capabilities.push, changedAccount == nil || changedAccount == account.name,
              let query = state.filter.query(zone: account.timeZone, now: Date()) else { return }
        // The newest calls in the range; a receiver stores finished calls, so new ones are recent.
        var recent = query
        recent.from = max(query.from, Date().addingTimeInterval(-86400))
        guard let page = try? await store.page(StoreQuery(account: account.name, query: recent, includeRaw: true), limit: 50),
              !page.records.isEmpty else { return }
        send(.storedCallsArrived(account: account.name, page.records))
    }

    static let pushPollInterval: Duration = .milliseconds(500)

    private func draw() { backend.present(Render.screen(state)) }

    private func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .fetch(let id, let account, let query): startFetch(id: id, account: account, query: query)
            case .cancelFetch(let id):
                fetches[id]?.task.cancel()
                fetches[id] = nil
            case .wantMore(let id): fetches[id]?.demand.yield()
            case .loadConversation(let account, let callID):
                let client = (providers[account] as? CachedCallProvider)?.base ?? providers[account]
                guard let provider = client as? any BotConversationProviding else { continue }
                Task {
                    let text = (try? await provider.botConversation(id: callID)) ?? "(could not be loaded)"
                    send(.conversationLoaded(callID: callID, text: text))
                }
            case .loadCached(let id, let account, let query):
                guard let store else { continue }
                Task {
                    let page = try? await store.page(StoreQuery(account: account, query: query), limit: max(200, state.lookahead))
                    send(.cachedLoaded(fetch: id, page?.records ?? []))
                }
            case .loadKnownTags(let account):
                guard let store else { continue }
                Task { send(.knownTagsLoaded(account: account, (try? await store.knownTags(account: account)) ?? [])) }
            case .loadAnnotationState(let account, let callID):
                guard let store else { continue }
                Task {
                    guard let text = try? await store.annotationState(account: account, id: callID).description else { return }
                    send(.annotationStateLoaded(callID: callID, text))
                }
            case .save(let account, let callID, let note, let tags): save(account: account, callID: callID, note: note, tags: tags)
            case .syncEdits(let account):
                guard let store, let provider = providers[account] else { continue }
                let base = (provider as? CachedCallProvider)?.base ?? provider
                Task {
                    _ = try? await EditSender(store: store).sync(via: base)
                    if let id = state.selectedCall?.id, state.detail.open {
                        send(.annotationStateLoaded(callID: id, (try? await store.annotationState(account: account, id: id).description) ?? ""))
                    }
                }
            case .search(let id, let account, let text):
                guard let store else {
                    send(.searchResults(search: id, [], error: "no local store to search"))
                    continue
                }
                Task {
                    do {
                        let page = try await store.page(StoreQuery(account: account, text: text), limit: Self.searchLimit)
                        send(.searchResults(search: id, page.records, error: nil))
                    } catch {
                        send(.searchResults(search: id, [], error: "search: \(error)"))
                    }
                }
            case .report(let id, let account, let query, let text, let slicing):
                startReport(id: id, account: account, query: query, text: text, slicing: slicing)
            case .cancelReport(let id):
                reportTasks.removeValue(forKey: id)?.cancel()
            case .openURL(let url): Task { await openURL(url) }
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

    /// The most search results listed (newest first).
    static let searchLimit = 1000

    /// Saves through the caching provider (outbox then the provider for OMICall, the store for
    /// the others); offline, an OMICall edit is only queued. Reports where the edit stands.
    private func save(account: String, callID: String, note: String, tags: [String]) {
        let provider = providers[account]
        let offline = state.offline
        Task {
            var record: CallRecord?
            var failure: String?
            do {
                guard let provider else { throw CallScopeTUIError("\(account): no such account") }
                if offline, let cached = provider as? CachedCallProvider, cached.capabilities.remoteAnnotations {
                    _ = try await cached.store.enqueueEdit(account: account, id: callID, note: note, tags: tags)
                    record = try await cached.store.call(account: account, id: callID)
                } else {
                    record = try await provider.annotate(id: callID, note: note, tags: tags)
                }
            } catch let error as EditNotSent {
                failure = error.reason
            } catch {
                failure = "\(error)"
            }
            var text = failure.map { "failed: \($0)" } ?? "synced"
            if let store, let stored = try? await store.annotationState(account: account, id: callID) { text = stored.description }
            send(.editSaved(callID: callID, note: note, tags: tags, record: record, state: text, error: failure))
        }
    }

    /// Pulls pages from the provider, one more each time the list asks for it, so a million-call
    /// range loads only as far as the user scrolls. A cancelled or superseded fetch stops, and
    /// anything it still reports is dropped by `reduce` (its id is no longer current).
    private func startFetch(id: Int, account: String, query: CallQuery) {
        let pages: CallPages
        if state.offline, let store {
            pages = store.pages(StoreQuery(account: account, query: query), pageSize: 500)
        } else if let provider = providers[account] {
            pages = provider.calls(query)
        } else {
            send(.fetchFailed(fetch: id, message: "\(account): no such account"))
            return
        }
        let (demand, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let task = Task {
            do {
                var iterator = pages.makeAsyncIterator()
                var wanted = demand.makeAsyncIterator()
                while let page = try await iterator.next() {
                    send(.pageArrived(fetch: id, page))
                    // Wait until the list wants more (reduce asked with `.wantMore` if it already does).
                    guard await wanted.next() != nil, !Task.isCancelled else { return }
                }
                send(.fetchFinished(fetch: id))
            } catch is CancellationError {
            } catch {
                if !Task.isCancelled { send(.fetchFailed(fetch: id, message: "\(error)")) }
            }
        }
        fetches[id] = (task, continuation)
        startTicker()
    }

    /// Moves the spinner while something loads.
    private func startTicker() {
        guard ticker == nil else { return }
        ticker = Task {
            while !Task.isCancelled, state.list.loading {
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
