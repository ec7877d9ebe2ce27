import CallScopeKit

/// Calls of a list as CSV rows (the header apart), and where the next page starts.
public struct CSVPage: Sendable {
    public var bytes: [UInt8]
    public var rows: Int
    /// The cursor of the next page; nil at the end.
    public var next: StoreCursor?

    package init(bytes: [UInt8], rows: Int, next: StoreCursor?) {
        self.bytes = bytes
        self.rows = rows
        self.next = next
    }

    /// The rows of a page of records.
    package init(_ page: StorePage, includeRaw: Bool) {
        var bytes: [UInt8] = []
        for record in page.records { CSVFormat.appendRow(of: record, includeRaw: includeRaw, to: &bytes) }
        self.init(bytes: bytes, rows: page.records.count, next: page.next)
    }
}

extension CallStoring {
    /// The rows of a page of records, for stores that write no CSV of their own.
    public func csvPage(_ query: StoreQuery, after cursor: StoreCursor?, limit: Int) async throws -> CSVPage {
        CSVPage(try await page(query, after: cursor, limit: limit), includeRaw: query.includeRaw)
    }

    /// Every call of `query` as CSV rows, a page at a time by keyset (nothing buffered beyond a
    /// page); stops after `limit` calls.
    public func forEachCSVPage(_ query: StoreQuery, pageSize: Int = 500, limit: Int? = nil,
                               _ body: (CSVPage) async throws -> Void) async throws {
        var cursor: StoreCursor?, written = 0
        repeat {
            let size = min(pageSize, limit.map { $0 - written } ?? pageSize)
            guard size > 0 else { return }
            try Task.checkCancellation()
            let page = try await csvPage(query, after: cursor, limit: size)
            written += page.rows
            try await body(page)
            cursor = page.next
        } while cursor != nil
    }
}
