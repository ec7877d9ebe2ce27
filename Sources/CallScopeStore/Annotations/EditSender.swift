import CallScopeKit

/// Sends outbox edits to their provider and records the outcome right after it: delivered
/// edits are marked sent (so a retry never sends them again), refused ones stay pending with
/// the provider's words. Read-only (`readonly = true`, `--readonly`), it sends nothing and
/// leaves every edit pending, untouched.
public struct EditSender: Sendable {
    public let store: any CallStoring
    public let readOnly: Bool

    public init(store: any CallStoring, readOnly: Bool) {
        self.store = store
        self.readOnly = readOnly
    }

    public enum Outcome: Sendable {
        /// Delivered; the call as the user sees it now (nil when it is not cached).
        case sent(CallRecord?)
        /// Refused or unreachable; the edit stays pending with this reason.
        case failed(String)
        /// The task was cancelled before an answer; the edit stays pending, untried.
        case interrupted
    }

    /// Sends an edit this process has claimed (`CallStore.claim`) through the provider's own
    /// client (not the caching one, which would queue it again).
    public func deliver(_ entry: OutboxEntry, via provider: any CallProvider) async throws -> Outcome {
        if readOnly {
            try await store.release(entry)
            throw CallScopeError.readOnly(account: entry.account)
        }
        let answer: CallRecord
        do {
            answer = try await provider.annotate(id: entry.callID, note: entry.note, tags: entry.tags)
        } catch is CancellationError {
            try await Self.uncancelled { try await store.release(entry) }
            return .interrupted
        } catch {
            let reason = String(describing: error)
            try await Self.uncancelled { try await store.markFailed(entry, reason: reason) }
            return .failed(reason)
        }
        // Recorded even if the caller is cancelled meanwhile: the provider has the edit.
        return .sent(try await Self.uncancelled { try await store.markSent(entry, answer: answer) })
    }

    public struct SyncResult: Sendable {
        public var sent: [OutboxEntry] = []
        public var failed: [(entry: OutboxEntry, reason: String)] = []
        /// Pending edits another sender holds (or interrupted): left for later.
        public var skipped = 0
    }

    /// Sends every pending edit of the provider's account that no one else is sending.
    public func sync(via provider: any CallProvider) async throws -> SyncResult {
        let account = provider.account.name
        if readOnly { throw CallScopeError.readOnly(account: account) }
        let pending = try await store.pendingEdits(account: account).count
        var result = SyncResult()
        for entry in try await store.claimPendingEdits(account: account) {
            switch try await deliver(entry, via: provider) {
            case .sent: result.sent.append(entry)
            case .failed(let reason): result.failed.append((entry, reason))
            case .interrupted: break
            }
        }
        result.skipped = pending - result.sent.count - result.failed.count
        return result
    }

    private static func uncancelled<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await Task { try await body() }.value
    }
}

/// A remote edit that is stored but did not reach the provider.
public struct EditNotSent: Error, Sendable, CustomStringConvertible {
    public let entry: OutboxEntry
    /// The provider's words (or why the edit was not sent now).
    public let reason: String

    public var description: String {
        "\(reason); the edit is kept and pending: `callscope sync --account \(entry.account)` sends it"
    }
}
