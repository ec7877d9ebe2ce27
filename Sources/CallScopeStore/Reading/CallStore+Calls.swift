import CallScopeKit
import GRDB

extension CallStore: CallStoring {
    /// Upserts fetched (or pushed) calls by (account, id) in one transaction, and returns them
    /// as the user sees them: local notes and tags, or a pending remote edit, laid over. A call
    /// whose id is empty or holds a control character is skipped and returned as a warning.
    @discardableResult
    public func ingest(_ records: [CallRecord]) async throws -> IngestedCalls {
        guard !records.isEmpty else { return .none }
        return try await pool.write { db in try CallWriter(db: db).upsert(records) }
    }

    /// Upserts pushed calls in one transaction that survives a power cut as well as a crash
    /// (`synchronous = FULL`): a push acknowledged is never sent again, so it must not be lost.
    @discardableResult
    public func ingestDurably(_ records: [CallRecord]) async throws -> IngestedCalls {
        guard !records.isEmpty else { return .none }
        return try await durableWrite { db in try CallWriter(db: db).upsert(records) }
    }

    /// One page of cached calls by keyset (never OFFSET): as fast at the millionth call as at
    /// the first.
    public func page(_ query: StoreQuery, after cursor: StoreCursor?, limit: Int) async throws -> StorePage {
        try await pool.read { db in try Self.page(db, query, after: cursor, limit: max(1, limit)) }
    }

    /// A cached call as the user sees it, with `raw`; nil when the store does not have it.
    public func call(account: String, id: String) async throws -> CallRecord? {
        // Never stored; SQLite would cut a NUL id short and find another call.
        guard CallRecord.isAcceptableCallID(id) else { return nil }
        return try await pool.read { db in
            let sql = "SELECT \(CallColumns.selection), \(AnnotationOverlay.selection) FROM calls c \(AnnotationOverlay.callJoins) WHERE c.account = ? AND c.id = ?"
            return try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [account, id]).map { try Self.merged($0, includeRaw: true) }
        }
    }

    /// How many cached calls match (after `cursor` in the query's order, when given), counted
    /// by the database (no record is built).
    public func count(_ query: StoreQuery, after cursor: StoreCursor?) async throws -> Int {
        try await pool.read { db in
            try StoreSQL(query, db: db).count(after: cursor, order: query.order, sort: query.sort).reduce(0) { total, count in
                total + (try Int.fetchOne(db, sql: count.sql, arguments: count.arguments) ?? 0)
            }
        }
    }

    /// One page of rows in key order after `start`.
    static func page(_ db: Database, _ query: StoreQuery, after start: StoreCursor?, limit: Int) throws -> StorePage {
        var records: [CallRecord] = []
        records.reserveCapacity(limit)
        for (text, arguments) in try StoreSQL(query, db: db).page(after: start, order: query.order, sort: query.sort, limit: limit) {
            let rows = try Row.fetchCursor(db.cachedStatement(sql: text), arguments: arguments)
            while records.count < limit, let row = try rows.next() { records.append(try merged(row, includeRaw: query.includeRaw)) }
            if records.count == limit { break }
        }
        return StorePage(records: records, next: records.count == limit ? records.last.map { StoreCursor(after: $0, sort: query.sort) } : nil)
    }

    /// A row of `CallColumns.selection` + `AnnotationOverlay.selection` as the user sees it.
    static func merged(_ row: Row, includeRaw: Bool) throws -> CallRecord {
        let record = try CallColumns.record(row, includeRaw: includeRaw)
        return AnnotationOverlay.read(row, at: CallColumns.selectionCount).merged(record)
    }
}
