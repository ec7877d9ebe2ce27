/// Where a call's note and tags stand, as the detail pane shows them.
public enum AnnotationState: Sendable, Hashable, CustomStringConvertible {
    /// Nothing waits to be sent: the provider (remote) or the store (local) has the latest edit.
    case synced
    /// An edit is stored and not sent yet (never tried, or being sent).
    case pending
    /// An edit is stored; the last try to send it failed, for this reason (the provider's words).
    case failed(String)

    public var description: String {
        switch self {
        case .synced: "synced"
        case .pending: "pending"
        case .failed(let reason): "failed: \(reason)"
        }
    }
}
