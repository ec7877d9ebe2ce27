import CallScopeKit
import CallScopeStore
import Foundation
import PostgresNIO

/// `callscope store info` and `store prune` on the team store.
extension PostgresCallStore {
    public func info(account: String?) async throws -> StoreInfo {
        try await database.withConnection { [logger = database.logger] connection in
            var counts: [String: (calls: Int, oldest: Int64?, newest: Int64?)] = [:]
            let noStart = PostgresSchema.noStart
            // Through the covering index (account, started_at): no row is read.
            let rows = try await connection.query("""
                SELECT account, count(*), min(started_at) FILTER (WHERE started_at <> \(noStart)), max(started_at) FILTER (WHERE started_at <> \(noStart))
                FROM calls WHERE \(account)::text IS NULL OR account = \(account) GROUP BY account
                """, logger: logger)
            for try await (name, calls, oldest, newest) in rows.decode((String, Int, Int64?, Int64?).self) {
                counts[name] = (calls, oldest, newest)
            }
            var spans: [String: [SyncSpan]] = [:]
            let spanRows = try await connection.query("""
                SELECT account, from_s, to_s, synced_at FROM sync_spans WHERE \(account)::text IS NULL OR account = \(account) ORDER BY account, from_s
                """, logger: logger)
            for try await (name, from, to, syncedAt) in spanRows.decode((String, Int64, Int64, Double).self) {
                spans[name, default: []].append(SyncSpan(from: Self.date(from), to: Self.date(to), syncedAt: Date(timeIntervalSince1970: syncedAt)))
            }
            let names = account.map { [$0] } ?? Set(counts.keys).union(spans.keys).sorted()
            let accounts = names.map { name in
                let count = counts[name]
                return StoredAccount(account: name, calls: count?.calls ?? 0, oldest: count?.oldest.map(Self.date), newest: count?.newest.map(Self.date),
                                     spans: spans[name] ?? [])
            }
            var bytes: Int64 = 0
            for try await size in try await connection.query("SELECT pg_database_size(current_database())", logger: logger).decode(Int64.self) {
                bytes = size
            }
            return StoreInfo(accounts: accounts, bytes: bytes)
        }
    }

    /// Deletes the calls that started before `cutoff` (of one account, or all) with their keys,
    /// local notes and tags and sent edits; pending edits stay, to be sent. The spans are cut
    /// first (a prune stopped half way never leaves a span over deleted calls). Without an
    /// account, the months that ended by the cut are dropped whole, and only the month the cut
    /// falls in is deleted row by row, a batch a transaction.
    public func prune(startedBefore cutoff: Date, account: String?, dryRun: Bool) async throws -> PruneOutcome {
        let cut = CallColumns.seconds(cutoff), noStart = PostgresSchema.noStart
        let logger = database.logger
        let doomed = try await database.withConnection { connection in
            var byAccount: [String: Int] = [:]
            let rows = try await connection.query("""
                SELECT account, count(*) FROM calls
                WHERE started_at > \(noStart) AND started_at < \(cut) AND (\(account)::text IS NULL OR account = \(account)) GROUP BY account
                """, logger: logger)
            for try await (name, count) in rows.decode((String, Int).self) { byAccount[name] = count }
            return byAccount
        }
        let calls = doomed.values.reduce(0, +)
        guard !dryRun, calls > 0 else { return PruneOutcome(calls: calls) }
        try await database.transaction { connection in
            try await connection.query("DELETE FROM sync_spans WHERE to_s < \(cut) AND (\(account)::text IS NULL OR account = \(account))", logger: logger)
            try await connection.query("UPDATE sync_spans SET from_s = \(cut) WHERE from_s < \(cut) AND (\(account)::text IS NULL OR account = \(account))", logger: logger)
            // What belongs to the calls that go (their keys say which), before their months do.
            try await connection.query("""
                DELETE FROM local_annotations a USING call_keys k WHERE k.account = a.account AND k.id = a.call_id
                AND k.started_at > \(noStart) AND k.started_at < \(cut) AND (\(account)::text IS NULL OR k.account = \(account))
                """, logger: logger)
            try await connection.query("""
                DELETE FROM outbox o USING call_keys k WHERE k.account = o.account AND k.id = o.call_id AND o.state <> 'pending'
                AND k.started_at > \(noStart) AND k.started_at < \(cut) AND (\(account)::text IS NULL OR k.account = \(account))
                """, logger: logger)
        }
        let dropped = account == nil ? try await dropMonths(endingBy: cutoff) : []
        while true {
            let deleted = try await database.transaction { connection in
                let count = try await connection.query("""
                    WITH batch AS (
                        SELECT account, started_at, id FROM calls
                        WHERE started_at > \(noStart) AND started_at < \(cut) AND (\(account)::text IS NULL OR account = \(account)) LIMIT \(Self.pruneBatch)
                    ), gone AS (
                        DELETE FROM calls c USING batch b WHERE c.account = b.account AND c.started_at = b.started_at AND c.id = b.id
                        RETURNING c.account, c.id
                    ), keys AS (
                        DELETE FROM call_keys k USING gone g WHERE k.account = g.account AND k.id = g.id
                    )
                    SELECT count(*) FROM gone
                    """, logger: logger).decode(Int.self).reduce(0, +)
                return count
            }
            if deleted < Self.pruneBatch { break }
        }
        // Every open TUI of those accounts reads its rows again.
        try await database.transaction { connection in
            try await ChangeNotice.announce(accounts: Set(doomed.keys), on: connection, logger: logger)
        }
        return PruneOutcome(calls: calls, droppedMonths: dropped)
    }

    static let pruneBatch = 5_000

    private static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
}
