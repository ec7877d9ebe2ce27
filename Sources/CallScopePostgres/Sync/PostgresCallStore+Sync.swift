import CallScopeKit
import CallScopeStore
import Foundation
import PostgresNIO

extension PostgresCallStore {
    public func syncedSpans(account: String, overlapping from: Date?, _ to: Date?) async throws -> [SyncSpan] {
        let low = from.map(SpanMath.seconds) ?? .min, high = to.map(SpanMath.seconds) ?? .max
        return try await database.withConnection { [logger = database.logger] connection in
            var spans: [SyncSpan] = []
            let rows = try await connection.query("""
                SELECT from_s, to_s, synced_at FROM sync_spans WHERE account = \(account) AND to_s >= \(low) AND from_s <= \(high) ORDER BY from_s
                """, logger: logger)
            for try await (from, to, syncedAt) in rows.decode((Int64, Int64, Double).self) {
                spans.append(SyncSpan(from: Date(timeIntervalSince1970: TimeInterval(from)), to: Date(timeIntervalSince1970: TimeInterval(to)),
                                      syncedAt: Date(timeIntervalSince1970: syncedAt)))
            }
            return spans
        }
    }

    /// Merges the span with those it overlaps or touches; machines marking spans of one account
    /// take turns (a lock for the transaction), so no merge is lost.
    public func markSynced(account: String, _ interval: DateInterval, syncedAt: Date) async throws {
        let start = SpanMath.seconds(interval.start), end = SpanMath.seconds(interval.end)
        guard start <= end else { return }
        try await database.transaction { [logger = database.logger] connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.Lock.spans.rawValue), hashtext(\(account)))", logger: logger)
            var low = start, high = end
            let touching = try await connection.query("""
                SELECT from_s, to_s FROM sync_spans WHERE account = \(account) AND to_s >= \(start - 1) AND from_s <= \(end + 1)
                """, logger: logger)
            for try await (from, to) in touching.decode((Int64, Int64).self) {
                low = min(low, from)
                high = max(high, to)
            }
            try await connection.query("DELETE FROM sync_spans WHERE account = \(account) AND to_s >= \(low) AND from_s <= \(high)", logger: logger)
            try await connection.query("""
                INSERT INTO sync_spans (account, from_s, to_s, synced_at) VALUES (\(account), \(low), \(high), \(syncedAt.timeIntervalSince1970))
                """, logger: logger)
        }
    }

    /// Holds the account's sync lock in the database (on a connection of its own) while `body`
    /// runs: another machine's sync of the account waits, then finds the range synced. A machine
    /// that dies mid-sync loses its connection, and with it the lock.
    public func whileSyncing<T: Sendable>(account: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await database.withConnection(retry: false) { [logger = database.logger] connection in
            try await connection.query("SELECT pg_advisory_lock(\(PostgresSchema.Lock.sync.rawValue), hashtext(\(account)))", logger: logger)
            let result: T
            do {
                result = try await body()
            } catch {
                // The sync's own error is the one to report; a failed unlock means the connection
                // is gone, which releases the lock as well.
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(PostgresSchema.Lock.sync.rawValue), hashtext(\(account)))", logger: logger)
                throw error
            }
            try await connection.query("SELECT pg_advisory_unlock(\(PostgresSchema.Lock.sync.rawValue), hashtext(\(account)))", logger: logger)
            return result
        }
    }
}
