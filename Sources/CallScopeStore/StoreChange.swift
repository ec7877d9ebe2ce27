/// What a store tells an open TUI of its changes, as they happen (the team store), or within a
/// moment (the SQLite file, whose `data_version` is watched).
public enum StoreChange: Sendable, Equatable {
    /// Listening (again): anything may have changed while it was not, so re-read.
    case listening
    /// Calls of this account were written and committed (a push, a sync, an edit).
    case calls(account: String)
    /// Something was committed by another connection (the SQLite file cannot tell what): calls of
    /// any account may have changed.
    case anything
    /// The connection to the database was lost (the words for the status line); listening
    /// resumes by itself when the database is back.
    case lost(String)
}
