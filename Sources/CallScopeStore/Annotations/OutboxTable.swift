import Foundation
import GRDB

/// The outbox's rows inside the caller's transaction.
///
/// Claims keep two senders (the TUI and `callscope sync`, or two tasks) from sending the same
/// edit, and serialise the edits of one call: an entry is claimed only when no other entry of
/// its call is, so an older edit still on the wire cannot land after a newer one. A claim lasts
/// `lease` seconds and is dropped at once when the process that holds it has died.
struct OutboxTable {
    let db: Database
    let now = Date().timeIntervalSince1970
    let processID = Int64(getpid())
    static let lease: TimeInterval = 600

    init(db: Database) { self.db = db }

    /// Stores a new pending edit of a call, superseding an older unsent one.
    func enqueue(account: String, callID: String, note: String, tags: [String]) throws -> OutboxEntry {
        try db.execute(sql: "UPDATE outbox SET state = 'superseded' WHERE account = ? AND call_id = ? AND state = 'pending'",
                       arguments: [account, callID])
        try db.execute(sql: "INSERT INTO outbox (account, call_id, note, tags, state, created_at) VALUES (?, ?, ?, ?, 'pending', ?)",
                       arguments: [account, callID, StoredText.value(note), CallColumns.tagsText(tags), now])
        return try entry(db.lastInsertedRowID)!
    }

    func entry(_ seq: Int64) throws -> OutboxEntry? {
        try Row.fetchOne(db, sql: "SELECT \(OutboxEntry.columns) FROM outbox WHERE seq = ?", arguments: [seq]).map(OutboxEntry.init)
    }

    func pending(account: String?) throws -> [OutboxEntry] {
        let filter = account == nil ? "" : "AND account = ?"
        return try Row.fetchAll(db, sql: "SELECT \(OutboxEntry.columns) FROM outbox WHERE state = 'pending' \(filter) ORDER BY seq",
                                arguments: StatementArguments(account.map { [$0] } ?? [])).map(OutboxEntry.init)
    }

    /// Claims a pending entry for this process; false when it is no longer pending or someone
    /// else is sending it (or an older edit of its call).
    func claim(_ seq: Int64) throws -> Bool {
        try dropDeadClaims()
        try db.execute(sql: """
            UPDATE outbox SET claimed_by = ?, claimed_until = ?
            WHERE seq = ? AND state = 'pending' AND (claimed_until IS NULL OR claimed_until < ?)
              AND NOT EXISTS (SELECT 1 FROM outbox b WHERE b.account = outbox.account AND b.call_id = outbox.call_id
                              AND b.seq <> outbox.seq AND b.claimed_until >= ?)
            """, arguments: [processID, now + Self.lease, seq, now, now])
        return db.changesCount == 1
    }

    /// Marks an entry delivered (even if a newer edit superseded it meanwhile: it did arrive).
    func markSent(_ seq: Int64) throws {
        try db.execute(sql: """
            UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1, last_attempt_at = ?, last_error = NULL,
                claimed_by = NULL, claimed_until = NULL
            WHERE seq = ?
            """, arguments: [now, now, seq])
    }

    /// Keeps an entry pending with the reason its send failed.
    func markFailed(_ seq: Int64, reason: String) throws {
        try db.execute(sql: """
            UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ?, last_error = ?, claimed_by = NULL, claimed_until = NULL
            WHERE seq = ?
            """, arguments: [now, StoredText.value(reason), seq])
    }

    func release(_ seq: Int64) throws {
        try db.execute(sql: "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE seq = ?", arguments: [seq])
    }

    /// Claims held by processes that no longer run are dropped (a crash mid-send).
    private func dropDeadClaims() throws {
        let holders = try Int64.fetchAll(db, sql: "SELECT DISTINCT claimed_by FROM outbox WHERE claimed_until >= ? AND claimed_by <> ?",
                                         arguments: [now, processID])
        for holder in holders where !Self.isRunning(holder) {
            try db.execute(sql: "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?", arguments: [holder])
        }
    }

    static func isRunning(_ pid: Int64) -> Bool {
        guard let pid = pid_t(exactly: pid), pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
