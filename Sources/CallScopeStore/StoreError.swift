import CallScopeKit

/// What can go wrong in the store itself.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be created or opened.
    case open(path: String, detail: String)
    /// A row that callscope did not write (or a newer callscope did).
    case corrupt(String)
    /// The call is not in the local store (offline, or never fetched).
    case notCached(account: String, id: String)
    /// The provider's call has an id no store can keep (empty, or with control characters).
    case unstorableID(account: String, id: String)

    public var description: String {
        switch self {
        case .open(let path, let detail): "cannot open the local store \(path): \(detail)"
        case .corrupt(let what): "the local store holds an unreadable row: \(what)"
        case .notCached(let account, let id): "\(account): call \(id) is not in the local store"
        case .unstorableID(let account, let id):
            "\(account): call \(CallRecord.printableCallID(id)): the id is empty or holds control characters; the call is not stored"
        }
    }
}
