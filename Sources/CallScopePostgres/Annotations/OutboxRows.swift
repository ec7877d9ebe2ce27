import CallScopeKit
import CallScopeStore
import Foundation
import PostgresNIO

/// The outbox's rows inside the caller's transaction or on the caller's connection.
///
/// A claim is taken with `FOR UPDATE SKIP LOCKED`: any number of machines claiming at once each
/// get different edits and never wait for one another, so an edit is sent once. A claim is a
/// lease (`claimed_until`), committed before the edit is sent, so a machine that dies while
/// sending holds it only until the lease ends; an edit is claimed only when no other edit of its
/// call is, so an older edit still on the wire cannot land after a newer one.
struct OutboxRows {
    let connection: PostgresConnection
    let logger: Logger
    static let lease: TimeInterval = 600
    static let columns = "seq, account, call_id, note, tags, created_at, attempts, last_error"

    func enqueue(account: String, callID: String, note: String, tags: [String]) async throws -> OutboxEntry {
        try await connection.query("""
            UPDATE outbox SET state = 'superseded' WHERE account = \(account) AND call_id = \(callID) AND state = 'pending'
            """, logger: logger)
        let rows = try await connection.query("""
            INSERT INTO outbox (account, call_id, note, tags, state, created_at)
            VALUES (\(account), \(callID), \(ByteBuffer(string: note)), \(CallColumns.tagsText(tags)), 'pending', \(Date().timeIntervalSince1970))
            RETURNING \(unescaped: Self.columns)
            """, logger: logger)
        return try await Self.entries(rows)[0]
    }

    func pending(account: String?) async throws -> [OutboxEntry] {
        try await Self.entries(connection.query("""
            SELECT \(unescaped: Self.columns) FROM outbox
            WHERE state = 'pending' AND (\(account)::text IS NULL OR account = \(account)) ORDER BY seq
            """, logger: logger))
    }

    /// Claims for `claimant` the pending edits (of one account, or all; or the one `seq`) that no
    /// one else holds; returns them, oldest first.
    func claim(account: String?, seq: Int64?, claimant: String) async throws -> [OutboxEntry] {
        let now = Date().timeIntervalSince1970
        return try await Self.entries(connection.query("""
            WITH free AS (
                SELECT o.seq FROM outbox o
                WHERE o.state = 'pending' AND (o.claimed_until IS NULL OR o.claimed_until < \(now))
                  AND (\(account)::text IS NULL OR o.account = \(account)) AND (\(seq)::bigint IS NULL OR o.seq = \(seq))
                  AND NOT EXISTS (SELECT 1 FROM outbox b WHERE b.account = o.account AND b.call_id = o.call_id
                                  AND b.seq <> o.seq AND b.claimed_until >= \(now))
                ORDER BY o.seq
                FOR UPDATE SKIP LOCKED
            )
            UPDATE outbox SET claimed_by = \(claimant), claimed_until = \(now + Self.lease)
            FROM free WHERE outbox.seq = free.seq
            RETURNING \(unescaped: Self.columns.split(separator: ",").map { "outbox." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
            """, logger: logger)).sorted { $0.seq < $1.seq }
    }

    /// Delivered (even if a newer edit superseded it meanwhile: it did arrive).
    func markSent(_ seq: Int64) async throws {
        let now = Date().timeIntervalSince1970
        try await connection.query("""
            UPDATE outbox SET state = 'sent', sent_at = \(now), attempts = attempts + 1, last_attempt_at = \(now), last_error = NULL,
                claimed_by = NULL, claimed_until = NULL
            WHERE seq = \(seq)
            """, logger: logger)
    }

    /// Still pending, with the reason its send failed.
    func markFailed(_ seq: Int64, reason: String) async throws {
        let now = Date().timeIntervalSince1970
        try await connection.query("""
            UPDATE outbox SET attempts = attempts + 1, last_attempt_at = \(now), last_error = \(ByteBuffer(string: reason)),
                claimed_by = NULL, claimed_until = NULL
            WHERE seq = \(seq)
            """, logger: logger)
    }

    func release(_ seq: Int64) async throws {
        try await connection.query("UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE seq = \(seq)", logger: logger)
    }

    static func entries(_ rows: PostgresRowSequence) async throws -> [OutboxEntry] {
        var entries: [OutboxEntry] = []
        for try await (seq, account, callID, note, tags, createdAt, attempts, lastError)
            in rows.decode((Int64, String, String, ByteBuffer, String, Double, Int, ByteBuffer?).self) {
            entries.append(OutboxEntry(seq: seq, account: account, callID: callID, note: String(buffer: note), tags: CallColumns.tags(fromText: tags),
                                       createdAt: Date(timeIntervalSince1970: createdAt), attempts: attempts,
                                       lastError: lastError.map { String(buffer: $0) }))
        }
        return entries
    }
}
