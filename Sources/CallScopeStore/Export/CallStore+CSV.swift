import CallScopeKit
import GRDB
import GRDBSQLite

extension CallStore {
    /// A page of CSV rows written straight from SQLite's column bytes: the bytes
    /// `CSVFormat.appendRow(of:)` writes for the same calls, without a `CallRecord` or a String a
    /// field (at a million rows those were most of `calls --format csv`'s time). Lists in
    /// another order than time take the records' path.
    public func csvPage(_ query: StoreQuery, after cursor: StoreCursor?, limit: Int) async throws -> CSVPage {
        guard query.sort == .time else { return CSVPage(try await page(query, after: cursor, limit: limit), includeRaw: query.includeRaw) }
        let limit = max(1, limit)
        return try await pool.read { db in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(limit * 320)
            var rows = 0
            var last: StoreCursor?
            for (text, arguments) in try StoreSQL(query, db: db).page(after: cursor, order: query.order, sort: .time, limit: limit) {
                let statement = try db.cachedStatement(sql: text)
                let cursor = try Row.fetchCursor(statement, arguments: arguments)
                while rows < limit, try cursor.next() != nil {
                    let columns = StatementColumns(statement.sqliteStatement)
                    try CSVRow.append(columns, includeRaw: query.includeRaw, to: &bytes)
                    rows += 1
                    if rows == limit { last = StoreCursor(startedAt: columns.int64(9) ?? CallColumns.noStart, id: columns.string(1) ?? "") }
                }
                if rows == limit { break }
            }
            return CSVPage(bytes: bytes, rows: rows, next: last)
        }
    }
}

/// The current row of a stepped statement, column by column, without copying.
struct StatementColumns {
    let statement: SQLiteStatement

    init(_ statement: SQLiteStatement) { self.statement = statement }

    func isNull(_ index: Int32) -> Bool { sqlite3_column_type(statement, index) == SQLITE_NULL }

    /// A TEXT or BLOB value's bytes, valid until the statement steps; nil for NULL.
    func bytes(_ index: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard !isNull(index) else { return nil }
        let start = sqlite3_column_blob(statement, index)?.assumingMemoryBound(to: UInt8.self)
        return UnsafeBufferPointer(start: start, count: Int(sqlite3_column_bytes(statement, index)))
    }

    func string(_ index: Int32) -> String? { bytes(index).map { String(decoding: $0, as: UTF8.self) } }

    func int64(_ index: Int32) -> Int64? { isNull(index) ? nil : sqlite3_column_int64(statement, index) }

    func double(_ index: Int32) -> Double? { isNull(index) ? nil : sqlite3_column_double(statement, index) }
}

/// One call's CSV row from the columns of `CallColumns.selection` + `AnnotationOverlay.selection`,
/// field for field as `CSVFormat.appendRow(of:)` writes the record `CallStore.merged` reads.
enum CSVRow {
    static func append(_ columns: StatementColumns, includeRaw: Bool, to bytes: inout [UInt8]) throws {
        var first = true
        func next() {
            if !first { bytes.append(CSVFormat.separator) }
            first = false
        }
        func text(_ index: Int32) {
            next()
            if let field = columns.bytes(index) { CSVFormat.appendField(utf8: field, to: &bytes) }
        }
        func time(_ index: Int32) {
            next()
            if let seconds = columns.int64(index), seconds != CallColumns.noStart { CSVFormat.appendTime(seconds: seconds, to: &bytes) }
        }
        func integer(_ index: Int32) {
            next()
            if let value = columns.int64(index) { CSVFormat.appendInteger(value, to: &bytes) }
        }
        /// Checked as the records' path checks it, so a corrupt row fails alike.
        func named<T: RawRepresentable<String>>(_ index: Int32, _ field: String, as type: T.Type) throws -> T {
            let text = columns.string(index) ?? ""
            guard let value = T(rawValue: text) else { throw StoreError.corrupt("call \(columns.string(0) ?? "")/\(columns.string(1) ?? ""): \(field) \"\(text)\"") }
            return value
        }
        let provider = try named(2, "provider", as: ProviderKind.self)
        _ = try named(3, "direction", as: Direction.self)
        _ = try named(16, "disposition", as: Disposition.self)
        text(0); text(2); text(1); text(3)
        for index: Int32 in 4...8 { text(index) }
        time(9); time(10); time(11)
        for index: Int32 in 12...15 { integer(index) }
        text(16); text(17); text(18)
        next()
        if let cost = columns.double(19) { CSVFormat.appendNumber(cost, to: &bytes) }
        text(20)
        // The note and tags the user sees: a pending remote edit, else a local annotation, else the provider's.
        typealias Overlay = AnnotationOverlay.Column
        func overlay(_ column: Int) -> Int32 { Int32(CallColumns.selectionCount + column) }
        let (tags, note): (Int32, Int32) = !columns.isNull(overlay(Overlay.pendingSeq)) ? (overlay(Overlay.pendingTags), overlay(Overlay.pendingNote))
            : !columns.isNull(overlay(Overlay.localUpdatedAt)) ? (overlay(Overlay.localTags), overlay(Overlay.localNote)) : (21, 22)
        next()
        if let stored = columns.bytes(tags), !(stored.count == 2 && stored[0] == UInt8(ascii: "[")) {
            var joined = CallColumns.tags(fromText: String(decoding: stored, as: UTF8.self)).joined(separator: String(CSVFormat.tagSeparator))
            joined.withUTF8 { CSVFormat.appendField(utf8: $0, to: &bytes) }
        }
        text(note)
        next()
        var source = provider.annotationSource.rawValue
        source.withUTF8 { CSVFormat.appendField(utf8: $0, to: &bytes) }
        if includeRaw {
            // Stored as the compact JSON text `CallRecord.raw.serialized()` writes.
            next()
            if let raw = columns.bytes(23) { CSVFormat.appendField(utf8: raw, to: &bytes) } else { bytes.append(contentsOf: "{}".utf8) }
        }
        CSVFormat.endRow(&bytes)
    }
}
