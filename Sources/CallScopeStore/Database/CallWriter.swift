import CallScopeKit
import GRDB

/// Upserts calls by (account, id) inside the caller's transaction, with prepared statements,
/// keeping the full-text index in step (the index is external-content: its rows are deleted
/// with the text they were made from).
struct CallWriter {
    let db: Database

    private static let lookup = """
        SELECT c.key, c.search_text, \(AnnotationOverlay.selection)
        FROM (SELECT ? AS account, ? AS id) k
        LEFT JOIN calls c ON c.account = k.account AND c.id = k.id
        \(AnnotationOverlay.joins(account: "k.account", id: "k.id"))
        """
    private static let insert = "INSERT INTO calls (\(CallColumns.stored.joined(separator: ", "))) VALUES (\(CallColumns.stored.map { _ in "?" }.joined(separator: ", ")))"
    private static let update = "UPDATE calls SET \(CallColumns.stored.map { "\($0) = ?" }.joined(separator: ", ")) WHERE key = ?"
    private static let indexInsert = "INSERT INTO call_search (rowid, search_text) VALUES (?, ?)"
    private static let indexDelete = "INSERT INTO call_search (call_search, rowid, search_text) VALUES ('delete', ?, ?)"
    private static let rememberTag = "INSERT OR IGNORE INTO known_tags (account, tag) VALUES (?, ?)"
    private static let stored = """
        SELECT c.key, c.search_text, \(CallColumns.selection), \(AnnotationOverlay.selection)
        FROM calls c \(AnnotationOverlay.callJoins) WHERE c.account = ? AND c.id = ?
        """

    /// Stores `records` as fetched and returns them as the user sees them (annotations laid
    /// over); a call whose id cannot be a key is skipped, with a warning.
    func upsert(_ records: [CallRecord]) throws -> IngestedCalls {
        let (storable, refused) = IngestedCalls.screen(records)
        return IngestedCalls(records: try storable.map(upsert), refused: refused)
    }

    private func upsert(_ record: CallRecord) throws -> CallRecord {
        let row = try Row.fetchOne(db.cachedStatement(sql: Self.lookup), arguments: [record.account, record.id])!
        let overlay = AnnotationOverlay.read(row, at: 2)
        let merged = overlay.merged(record)
        let document = SearchText.document(for: merged)
        let values = CallColumns.values(of: record, searchText: document)
        if let key: Int64 = row[0] {
            try db.cachedStatement(sql: Self.update).execute(arguments: StatementArguments(values + [key.databaseValue]))
            try reindex(key: key, old: row[1], new: document)
        } else {
            try db.cachedStatement(sql: Self.insert).execute(arguments: StatementArguments(values))
            try db.cachedStatement(sql: Self.indexInsert).execute(arguments: [db.lastInsertedRowID, document])
        }
        try remember(tags: record.tags, account: record.account)
        return merged
    }

    /// Recomputes a stored call's search text after its annotation changed.
    func refreshSearch(account: String, id: String) throws {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: Self.stored), arguments: [account, id]) else { return }
        let record = try CallColumns.record(row, at: 2, includeRaw: false)
        let merged = AnnotationOverlay.read(row, at: 2 + CallColumns.selectionCount).merged(record)
        let document = SearchText.document(for: merged)
        let key: Int64 = row[0], old: String = row[1]
        guard document != old else { return }
        try db.cachedStatement(sql: "UPDATE calls SET search_text = ? WHERE key = ?").execute(arguments: [document, key])
        try reindex(key: key, old: old, new: document)
    }

    func remember(tags: [String], account: String) throws {
        for tag in tags { try db.cachedStatement(sql: Self.rememberTag).execute(arguments: [account, tag]) }
    }

    private func reindex(key: Int64, old: String?, new: String) throws {
        guard old != new else { return }
        if let old { try db.cachedStatement(sql: Self.indexDelete).execute(arguments: [key, old]) }
        try db.cachedStatement(sql: Self.indexInsert).execute(arguments: [key, new])
    }
}
