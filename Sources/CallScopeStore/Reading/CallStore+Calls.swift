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

    /// How many cached calls match.
    public func count(_ query: StoreQuery) async throws -> Int {
        guard query.rowFilter == nil else {
            var total = 0, cursor: StoreCursor?
            var lean = query
            lean.includeRaw = false
            repeat {
                let page = try await page(lean, after: cursor, limit: 5000)
                total += page.records.count
                cursor = page.next
            } while cursor != nil
            return total
        }
        return try await pool.read { db in
            let (sql, arguments) = try StoreSQL(query, db: db).count()
            return try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
        }
    }

    /// The cached calls of `query` as pages, the way a provider streams them (for `calls
    /// --offline`): stops after `limit` calls.
    public func pages(_ query: StoreQuery, pageSize: Int = 500, limit: Int? = nil) -> AsyncThrowingStream<CallPage, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: CallPage.self)
        let task = Task {
            do {
                var cursor: StoreCursor?, delivered = 0, number = 0
                repeat {
                    try Task.checkCancellation()
                    let size = min(pageSize, limit.map { $0 - delivered } ?? pageSize)
                    guard size > 0 else { break }
                    let page = try await page(query, after: cursor, limit: size)
                    number += 1
                    delivered += page.records.count
                    cursor = page.next
                    continuation.yield(CallPage(records: page.records, total: nil, totalIsComplete: cursor == nil, window: 1,
                                                windows: 1, page: number, pagesInWindow: nil, warnings: []))
                } while cursor != nil
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Reads rows in key order until `limit` pass the row filter or the rows run out.
    static func page(_ db: Database, _ query: StoreQuery, after start: StoreCursor?, limit: Int) throws -> StorePage {
        let sql = try StoreSQL(query, db: db)
        let filter = query.rowFilter
        let batch = filter == nil ? limit : max(limit, 500)
        var records: [CallRecord] = []
        var cursor = start
        while true {
            let (text, arguments) = sql.page(after: cursor, order: query.order, limit: batch)
            let rows = try Row.fetchAll(db.cachedStatement(sql: text), arguments: arguments)
            for row in rows {
                let record = try merged(row, includeRaw: query.includeRaw)
                cursor = StoreCursor(after: record)
                guard filter?.matches(record) ?? true else { continue }
                records.append(record)
                if records.count == limit { return StorePage(records: records, next: cursor) }
            }
            if rows.count < batch { return StorePage(records: records, next: nil) }
        }
    }

    /// A row of `CallColumns.selection` + `AnnotationOverlay.selection` as the user sees it.
    static func merged(_ row: Row, includeRaw: Bool) throws -> CallRecord {
        let record = try CallColumns.record(row, includeRaw: includeRaw)
        return AnnotationOverlay.read(row, at: CallColumns.selectionCount).merged(record)
    }
}
