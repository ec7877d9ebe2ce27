import GRDB

/// The SQL of a `StoreQuery`: everything SQLite can decide (account, range, direction,
/// disposition, full text, keyset) in the WHERE clause, ordered by the `calls_by_start` index.
///
/// A search matching many calls walks that index newest first and stops at a page; one matching
/// few (`fewMatches`) reads just those calls by key and sorts them, rather than walk the index
/// through every call of the account to find them.
struct StoreSQL {
    var conditions: [String] = ["c.account = ?"]
    var arguments: [DatabaseValue]
    private var table = "calls c"

    /// Up to this many matches of the full-text index count as few.
    static let fewMatches = 2000

    /// Without `fewMatchesByKey`, a search is always a set of keys the index gives (see `fewMatches`).
    init(_ query: StoreQuery, db: Database, fewMatchesByKey: Bool = true) throws {
        arguments = [query.account.databaseValue]
        if query.from != nil || query.to != nil {
            add("c.started_at > ?", CallColumns.noStart)
            if let from = query.from { add("c.started_at >= ?", CallColumns.seconds(from)) }
            if let to = query.to { add("c.started_at <= ?", CallColumns.seconds(to)) }
        }
        if let direction = query.direction { add("c.direction = ?", direction.rawValue) }
        if let disposition = query.disposition { add("c.disposition = ?", disposition.rawValue) }
        if let text = query.text {
            let terms = SearchText.terms(of: text)
            if let match = SearchText.matchExpression(terms) {
                let keys = fewMatchesByKey
                    ? try Int64.fetchAll(db, sql: "SELECT rowid FROM call_search WHERE call_search MATCH ? LIMIT \(Self.fewMatches + 1)",
                                         arguments: [match])
                    : nil
                if let keys, keys.count <= Self.fewMatches {
                    table = "calls c NOT INDEXED"
                    conditions.append(keys.isEmpty ? "0" : "c.key IN (\(keys.map(String.init).joined(separator: ",")))")
                } else {
                    add("c.key IN (SELECT rowid FROM call_search WHERE call_search MATCH ?)", match)
                }
            }
            for case .scanned(let word) in terms { add("instr(c.search_text, ?) > 0", word) }
        }
    }

    mutating func add(_ condition: String, _ value: some DatabaseValueConvertible) {
        conditions.append(condition)
        arguments.append(value.databaseValue)
    }

    /// One page of rows after `cursor`, in `order`.
    func page(after cursor: StoreCursor?, order: StoreQuery.Order, limit: Int) -> (sql: String, arguments: StatementArguments) {
        var conditions = conditions, arguments = arguments
        let descending = order == .newestFirst
        if let cursor {
            conditions.append("(c.started_at, c.id) \(descending ? "<" : ">") (?, ?)")
            arguments += [cursor.startedAt.databaseValue, cursor.id.databaseValue]
        }
        let direction = descending ? "DESC" : "ASC"
        let sql = """
            SELECT \(CallColumns.selection), \(AnnotationOverlay.selection)
            FROM \(table) \(AnnotationOverlay.callJoins)
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY c.started_at \(direction), c.id \(direction)
            LIMIT \(limit)
            """
        return (sql, StatementArguments(arguments))
    }

    func count() -> (sql: String, arguments: StatementArguments) {
        ("SELECT count(*) FROM \(table) WHERE \(conditions.joined(separator: " AND "))", StatementArguments(arguments))
    }
}
