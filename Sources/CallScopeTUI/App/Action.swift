import CallScopeKit

/// Everything that can happen to the app: a key, a resize, and what the effects report back.
public enum Action: Sendable {
    case key(Key)
    case resized(TerminalSize)
    case pageArrived(fetch: Int, CallPage)
    case fetchFinished(fetch: Int)
    case fetchFailed(fetch: Int, message: String)
    case conversationLoaded(callID: String, text: String)
    /// The spinner's clock, while something loads.
    case tick
    case signal(TerminalSignal)
}

/// Work the controller runs outside the reducer, as tasks that report back with actions.
public enum Effect: Sendable, Equatable {
    /// Starts a fetch; a newer one supersedes it.
    case fetch(id: Int, account: String, query: CallQuery)
    case cancelFetch(id: Int)
    /// The user is near the end of what is loaded: fetch the next page.
    case wantMore(fetch: Int)
    case loadConversation(account: String, callID: String)
    case openURL(String)
    case copy(String)
    case redraw
    case quit
}
