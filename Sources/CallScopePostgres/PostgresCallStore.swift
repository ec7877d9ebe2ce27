import CallScopeKit
import CallScopeStore
import Foundation
import PostgresNIO

/// The team store: calls, notes, tags, the outbox and sync spans in a PostgreSQL database shared
/// by several machines (`[store] url`). The schema is created and migrated when it is opened.
public final class PostgresCallStore: CallStoring {
    let database: StoreDatabase
    let partitions = MonthPartitions()
    /// Who claims outbox edits from this process (shown in `claimed_by`).
    let claimant = "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UUID().uuidString.prefix(8))"

    /// Connects and brings the schema up to date; fails with a `TeamStoreError` naming `[store]`.
    public init(settings: PostgresStoreSettings) async throws {
        database = try await StoreDatabase.open(settings: settings)
        do {
            try await Migrations.migrate(database)
        } catch {
            database.close()
            throw error
        }
    }

    /// Closes every connection.
    public func close() {
        database.close()
    }

    /// Every change committed by any machine, as it is committed (`LISTEN`).
    public func changes() -> AsyncStream<StoreChange>? {
        ChangeFeed.changes(of: database)
    }

    /// Drops the months of history that ended at or before `cutoff`, each a table dropped whole;
    /// the names of the partitions dropped.
    @discardableResult
    public func dropMonths(endingBy cutoff: Date) async throws -> [String] {
        try await partitions.drop(endingBy: CallColumns.seconds(cutoff), in: database)
    }

    // MARK: calls

    /// Upserts calls by (account, id) in one transaction, committed before it returns (a push is
    /// acknowledged only after this), and returns them as the user sees them. Storing the same
    /// calls again, from any machine, changes nothing.
    @discardableResult
    public func ingestDurably(_ records: [CallRecord]) async throws -> IngestedCalls {
        // A PostgreSQL commit is durable: it returns once the server has the change on disk.
        try await ingest(records)
    }

    @discardableResult
    public func ingest(_ records: [CallRecord]) async throws -> IngestedCalls {
        guard !records.isEmpty else { return .none }
        for attempt in 1...2 {
            try await partitions.ensure(starts: records.map(CallRows.startKey), in: database)
            do {
                return try await database.transaction { [logger = database.logger] connection in
                    try await CallUpserter(connection: connection, logger: logger).upsert(records)
                }
            } catch is CallUpserter.PartitionMissing where attempt == 1 {
                partitions.forget()
            }
        }
        throw TeamStoreError.failed(url: database.url, detail: "a month's partition of calls vanished twice while storing calls")
    }

    /// One page of calls by keyset (never OFFSET), either direction.
    public func page(_ query: StoreQuery, after cursor: StoreCursor?, limit: Int) async throws -> StorePage {
        let sql = PostgresQueryBuilder(query).page(after: cursor, order: query.order, sort: query.sort, limit: max(1, limit))
        let records = try await database.withConnection { [logger = database.logger] connection in
            var records: [CallRecord] = []
            for try await row in try await connection.query(sql, logger: logger) {
                records.append(try Self.merged(row.makeRandomAccess(), includeRaw: query.includeRaw))
            }
            return records
        }
        let next = records.count == max(1, limit) ? records.last.map { StoreCursor(after: $0, sort: query.sort) } : nil
        return StorePage(records: records, next: next)
    }

    /// A stored call as the user sees it, with `raw`; nil when the store does not have it.
    public func call(account: String, id: String) async throws -> CallRecord? {
        // Never stored (and PostgreSQL refuses a NUL in a parameter).
        guard CallRecord.isAcceptableCallID(id) else { return nil }
        return try await database.withConnection { [logger = database.logger] connection in
            let rows = try await connection.query("""
                SELECT \(unescaped: CallRows.selection), \(unescaped: AnnotationOverlay.selection)
                FROM call_keys k JOIN calls c ON c.account = k.account AND c.started_at = k.started_at AND c.id = k.id
                \(unescaped: AnnotationOverlay.callJoins)
                WHERE k.account = \(account) AND k.id = \(id)
                """, logger: logger)
            for try await row in rows { return try Self.merged(row.makeRandomAccess(), includeRaw: true) }
            return nil
        }
    }

    /// How many stored calls match (after `cursor` in the query's order, when given), counted in the index.
    public func count(_ query: StoreQuery, after cursor: StoreCursor?) async throws -> Int {
        let sql = PostgresQueryBuilder(query).count(after: cursor, order: query.order, sort: query.sort)
        return try await database.withConnection { [logger = database.logger] connection in
            for try await count in try await connection.query(sql, logger: logger).decode(Int.self) { return count }
            return 0
        }
    }

    static func merged(_ row: PostgresRandomAccessRow, includeRaw: Bool) throws -> CallRecord {
        let record = try CallRows.record(row, includeRaw: includeRaw)
        return try OverlayRows.read(row, at: CallRows.selectionCount).merged(record)
    }
}
