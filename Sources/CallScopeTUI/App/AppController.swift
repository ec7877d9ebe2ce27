import CallScopeKit
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
    let openURL: @MainActor (String) async -> Void
    private var fetches: [Int: (task: Task<Void, Never>, demand: AsyncStream<Void>.Continuation)] = [:]
    private var ticker: Task<Void, Never>?

    public init(state: AppState, backend: any TerminalBackend, providers: [String: any CallProvider],
                openURL: @escaping @MainActor (String) async -> Void) {
        self.state = state
        self.backend = backend
        self.providers = providers
        self.openURL = openURL
    }

    /// Runs until the user quits or a signal ends it; `initial` effects first (the first fetch).
    public func run(initial: [Effect] = []) async {
        state.size = backend.size
        perform(initial)
        draw()
        for await event in backend.events {
            switch event {
            case .key(.resize): send(.resized(backend.size))
            case .key(let key): send(.key(key))
            case .signal(let signal): send(.signal(signal))
            }
            if state.quitting { break }
        }
        for fetch in fetches.values { fetch.task.cancel() }
        ticker?.cancel()
    }

    public func send(_ action: Action) {
        state.now = Date()
        perform(reduce(&state, action))
        draw()
    }

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
                guard let provider = providers[account] as? any BotConversationProviding else { continue }
                Task {
                    let text = (try? await provider.botConversation(id: callID)) ?? "(could not be loaded)"
                    send(.conversationLoaded(callID: callID, text: text))
                }
            case .openURL(let url): Task { await openURL(url) }
            case .copy(let text): backend.copyToClipboard(text)
            case .redraw: backend.invalidate()
            case .quit: break
            }
        }
    }

    /// Pulls pages from the provider, one more each time the list asks for it, so a million-call
    /// range loads only as far as the user scrolls. A cancelled or superseded fetch stops, and
    /// anything it still reports is dropped by `reduce` (its id is no longer current).
    private func startFetch(id: Int, account: String, query: CallQuery) {
        guard let provider = providers[account] else {
            send(.fetchFailed(fetch: id, message: "\(account): no such account"))
            return
        }
        let (demand, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let task = Task {
            do {
                var pages = provider.calls(query).makeAsyncIterator()
                var wanted = demand.makeAsyncIterator()
                while let page = try await pages.next() {
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
