import Foundation
import GRDB

/// `callscope store info` and `store prune` on the SQLite file.
extension CallStore {
    public func info(account: String?) async throws -> StoreInfo {
        let accounts = try await pool.read { db -> [StoredAccount] in
            let names = try account.map { [$0] } ?? String.fetchAll(db, sql: "SELECT DISTINCT account FROM calls UNION SELECT account FROM sync_spans ORDER BY 1")
            return try names.map { name in
                // Through `calls_by_start`: a count and its two ends, without reading a row.
                let row = try Row.fetchOne(db, sql: """
                    SELECT count(*), min(started_at) FILTER (WHERE started_at != ?1), max(started_at) FILTER (WHERE started_at != ?1)
                    FROM calls WHERE account = ?2
                    """, arguments: [CallColumns.noStart, name])!
                let spans = try Row.fetchAll(db, sql: "SELECT from_s, to_s, synced_at FROM sync_spans WHERE account = ? ORDER BY from_s", arguments: [name])
                    .map { SyncSpan(from: Self.date($0[0]), to: Self.date($0[1]), syncedAt: Date(timeIntervalSince1970: $0[2])) }
                return StoredAccount(account: name, calls: row[0], oldest: (row[1] as Int64?).map(Self.date), newest: (row[2] as Int64?).map(Self.date), spans: spans)
            }
        }
        return StoreInfo(accounts: accounts, bytes: Self.bytesOnDisk(fileURL))
    }

    /// Deletes the calls that started before `cutoff` (of one account, or all), their search
    /// entries, local notes and tags and sent edits; pending edits stay, to be sent. The synced
    /// spans are cut first, so a prune stopped half way never leaves a span over deleted calls.
    /// A batch of calls a transaction, so readers (an open TUI) are never held for long.
    public func prune(startedBefore cutoff: Date, account: String?, dryRun: Bool) async throws -> PruneOutcome {
        let cut = CallColumns.seconds(cutoff)
        let names = try await pool.read { db in try account.map { [$0] } ?? String.fetchAll(db, sql: "SELECT DISTINCT account FROM calls") }
        let selected = "FROM calls WHERE account = ? AND started_at > ? AND started_at < ?"
        if dryRun {
            return PruneOutcome(calls: try await pool.read { db in
                try names.reduce(0) { $0 + (try Int.fetchOne(db, sql: "SELECT count(*) \(selected)", arguments: [$1, CallColumns.noStart, cut]) ?? 0) }
            })
        }
        try await pool.write { db in
            for name in names {
                try db.execute(sql: "DELETE FROM sync_spans WHERE account = ? AND to_s < ?", arguments: [name, cut])
                try db.execute(sql: "UPDATE sync_spans SET from_s = ? WHERE account = ? AND from_s < ?", arguments: [cut, name, cut])
            }
        }
        var deleted = 0
        for name in names {
            while true {
                let count = try await pool.write { db -> Int in
                    try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS prune_batch (key INTEGER PRIMARY KEY, id TEXT NOT NULL)")
                    try db.execute(sql: "DELETE FROM prune_batch")
                    try db.execute(sql: "INSERT INTO prune_batch SELECT key, id \(selected) LIMIT \(Self.pruneBatch)", arguments: [name, CallColumns.noStart, cut])
                    let count = db.changesCount
                    guard count > 0 else { return 0 }
                    let batch = "(SELECT key FROM prune_batch)", ids = "(SELECT id FROM prune_batch)"
                    try db.execute(sql: "INSERT INTO call_search (call_search, rowid, search_text) SELECT 'delete', key, search_text FROM calls WHERE key IN \(batch)")
                    try db.execute(sql: "DELETE FROM local_annotations WHERE account = ? AND call_id IN \(ids)", arguments: [name])
                    try db.execute(sql: "DELETE FROM outbox WHERE account = ? AND state != 'pending' AND call_id IN \(ids)", arguments: [name])
                    try db.execute(sql: "DELETE FROM calls WHERE key IN \(batch)")
                    return count
                }
                deleted += count
                if count < Self.pruneBatch { break }
            }
        }
        return PruneOutcome(calls: deleted)
    }

    static let pruneBatch = 5_000

    private static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    /// The file with its write-ahead log.
    static func bytesOnDisk(_ file: URL) -> Int64 {
        [file.path, file.path + "-wal"].reduce(0) { total, path in
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
            return total + size
        }
    }
}
