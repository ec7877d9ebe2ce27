import CallScopeKit
import GRDB

extension CallStore {
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
    public func page(_ query: StoreQuery, after cursor: StoreCursor? = nil, limit: Int = 100) async throws -> StorePage {
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

    /// The cached calls of `query` as pages (for `calls --offline` and exports): each page is read
    /// by keyset when it is pulled, so nothing is buffered; stops after `limit` calls.
    public func pages(_ query: StoreQuery, pageSize: Int = 500, limit: Int? = nil) -> CallPages {
        CallPages { [self] in
            var cursor: StoreCursor?, delivered = 0, number = 0, ended = false
            return {
                let size = min(pageSize, limit.map { $0 - delivered } ?? pageSize)
                guard !ended, size > 0 else { return nil }
                let page = try await self.page(query, after: cursor, limit: size)
                number += 1
                delivered += page.records.count
                cursor = page.next
                ended = cursor == nil
                guard !page.records.isEmpty || number == 1 else { return nil }
                return CallPage(records: page.records, total: nil, totalIsComplete: ended, window: 1, windows: 1, page: number,
                                pagesInWindow: nil, warnings: [])
            }
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
