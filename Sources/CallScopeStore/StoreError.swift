import CallScopeKit

/// What can go wrong in the store itself.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be created or opened.
    case open(path: String, detail: String)
    /// The file was migrated by a newer callscope: it is left as it is.
    case writtenByNewerVersion(path: String)
    /// A row that callscope did not write (or a newer callscope did).
    case corrupt(String)
    /// The call is not in the local store (offline, or never fetched).
    case notCached(account: String, id: String)
    /// The provider's call has an id no store can keep (empty, or with control characters).
    case unstorableID(account: String, id: String)

    public var description: String {
        switch self {
        case .open(let path, let detail): "cannot open the local store \(path): \(detail)"
        case .writtenByNewerVersion(let path): "the store \(path) was written by a newer callscope: upgrade callscope (the file was not changed)"
        case .corrupt(let what): "the local store holds an unreadable row: \(what)"
        case .notCached(let account, let id): "\(account): call \(id) is not in the local store"
        case .unstorableID(let account, let id):
            "\(account): call \(CallRecord.printableCallID(id)): the id is empty or holds control characters; the call is not stored"
        }
    }

    /// The CLI's exit status: 2 for a store this callscope must not touch (as for bad config), else 1.
    public var exitCode: Int32 {
        if case .writtenByNewerVersion = self { return 2 }
        return 1
    }
}
