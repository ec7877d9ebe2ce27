import CallScopeKit
import CallScopeStore
import PostgresNIO

extension PostgresCallStore {
    /// Edits waiting to be sent (never tried, or failed), oldest first.
    public func pendingEdits(account: String?) async throws -> [OutboxEntry] {
        try await outbox { try await $0.pending(account: account) }
    }

    /// Claims an edit for sending by this process; false when another machine has it (or an older
    /// edit of the same call), or it is no longer pending.
    public func claim(_ entry: OutboxEntry) async throws -> Bool {
        try await outbox(retry: false) { [claimant] in try await $0.claim(account: nil, seq: entry.seq, claimant: claimant) }.count == 1
    }

    /// Claims every pending edit (of one account, or all) that no one else is sending.
    public func claimPendingEdits(account: String?) async throws -> [OutboxEntry] {
        try await outbox(retry: false) { [claimant] in try await $0.claim(account: account, seq: nil, claimant: claimant) }
    }

    /// Marks a claimed edit delivered, right after the provider accepted it, and stores the
    /// provider's answer; returns the call as the user sees it now (nil if not stored).
    public func markSent(_ entry: OutboxEntry, answer: CallRecord?) async throws -> CallRecord? {
        if let answer { try await partitions.ensure(starts: [CallRows.startKey(answer)], in: database) }
        return try await database.transaction(retry: false) { [logger = database.logger] connection in
            try await OutboxRows(connection: connection, logger: logger).markSent(entry.seq)
            if let answer { return try await CallUpserter(connection: connection, logger: logger).upsert([answer]).records.first }
            try await SearchRefresh(connection: connection, logger: logger).refresh(account: entry.account, id: entry.callID)
            try await ChangeNotice.announce(accounts: [entry.account], on: connection, logger: logger)
            return nil
        }
    }

    public func markFailed(_ entry: OutboxEntry, reason: String) async throws {
        try await outbox { try await $0.markFailed(entry.seq, reason: reason) }
    }

    public func release(_ entry: OutboxEntry) async throws {
        try await outbox { try await $0.release(entry.seq) }
    }

    private func outbox<T: Sendable>(retry: Bool = true, _ body: @escaping @Sendable (OutboxRows) async throws -> T) async throws -> T {
        try await database.withConnection(retry: retry) { [logger = database.logger] connection in
            try await body(OutboxRows(connection: connection, logger: logger))
        }
    }
}
