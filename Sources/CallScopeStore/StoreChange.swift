/// What a store that can announce its changes (the team store) tells an open TUI, as they happen.
public enum StoreChange: Sendable, Equatable {
    /// Listening (again): anything may have changed while it was not, so re-read.
    case listening
    /// Calls of this account were written and committed (a push, a sync, an edit).
    case calls(account: String)
    /// The connection to the database was lost (the words for the status line); listening
    /// resumes by itself when the database is back.
    case lost(String)
}
