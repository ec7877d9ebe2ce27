import CallScopeKit
import GRDB

extension CallStore: CallStoring {
    /// Upserts fetched (or pushed) calls by (account, id) in one transaction, and returns them
    /// as the user sees them: local notes and tags, or a pending remote edit, laid over.
    @discardableResult
    public func ingest(_ records: [CallRecord]) async throws -> [CallRecord] {
        guard !records.isEmpty else { return [] }
        return try await pool.write { db in try CallWriter(db: db).upsert(records) }
    }

    /// Upserts pushed calls in one transaction that survives a power cut as well as a crash
    /// (`synchronous = FULL`): a push acknowledged is never sent again, so it must not be lost.
    @discardableResult
    public func ingestDurably(_ records: [CallRecord]) async throws -> [CallRecord] {
        guard !records.isEmpty else { return [] }
        return try await durableWrite { db in try CallWriter(db: db).upsert(records) }
    }

    /// One page of cached calls by keyset (never OFFSET): as fast at the millionth call as at
    /// the first.
    public func page(_ query: StoreQuery, after cursor: StoreCursor?, limit: Int) async throws -> StorePage {
        try await pool.read { db in try Self.page(db, query, after: cursor, limit: max(1, limit)) }
    }

    /// A cached call as the user sees it, with `raw`; nil when the store does not have it.
    public func call(account: String, id: String) async throws -> CallRecord? {
        try await pool.read { db in
            let sql = "SELECT \(CallColumns.selection), \(AnnotationOverlay.selection) FROM calls c \(AnnotationOverlay.callJoins) WHERE c.account = ? AND c.id = ?"
            return try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [account, id]).map { try Self.merged($0, includeRaw: true) }
        }
    }

    /// How many cached calls match, counted by the database (no record is built).
    public func count(_ query: StoreQuery) async throws -> Int {
        try await pool.read { db in
            let (sql, arguments) = try StoreSQL(query, db: db).count()
            return try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
        }
    }

    /// One page of rows in key order after `start`.
    static func page(_ db: Database, _ query: StoreQuery, after start: StoreCursor?, limit: Int) throws -> StorePage {
        let (text, arguments) = try StoreSQL(query, db: db).page(after: start, order: query.order, limit: limit)
        let rows = try Row.fetchCursor(db.cachedStatement(sql: text), arguments: arguments)
        var records: [CallRecord] = []
        records.reserveCapacity(limit)
        while let row = try rows.next() { records.append(try merged(row, includeRaw: query.includeRaw)) }
        return StorePage(records: records, next: records.count == limit ? records.last.map(StoreCursor.init(after:)) : nil)
    }

    /// A row of `CallColumns.selection` + `AnnotationOverlay.selection` as the user sees it.
    static func merged(_ row: Row, includeRaw: Bool) throws -> CallRecord {
        let record = try CallColumns.record(row, includeRaw: includeRaw)
        return AnnotationOverlay.read(row, at: CallColumns.selectionCount).merged(record)
    }
}
