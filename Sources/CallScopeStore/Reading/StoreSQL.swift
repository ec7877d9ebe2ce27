import GRDB

/// The SQL of a `StoreQuery`: every filter in the WHERE clause (phone and agent through the
/// store's SQL functions, `RowFunctions`), ordered by the `calls_by_start` index.
///
/// The keyset is a true one: with a cursor, the cursor itself is the index bound on the side the
/// page moves towards (not the range's end), so a page at the far end of a year costs what the
/// first one does.
///
/// A search matching many calls walks that index newest first and stops at a page; one matching
/// few (`fewMatches`) reads just those calls by key and sorts them, rather than walk the index
/// through every call of the account to find them.
struct StoreSQL {
    private(set) var conditions: [String] = ["c.account = ?"]
    private(set) var arguments: [DatabaseValue]
    private var table = "calls c"
    /// The range in epoch seconds, both inclusive; nil where open.
    private var lower: Int64?
    private var upper: Int64?

    /// Up to this many matches of the full-text index count as few.
    static let fewMatches = 2000

    /// Without `fewMatchesByKey`, a search is always a set of keys the index gives (see `fewMatches`).
    init(_ query: StoreQuery, db: Database, fewMatchesByKey: Bool = true) throws {
        arguments = [query.account.databaseValue]
        if query.from != nil || query.to != nil {
            lower = max(CallColumns.noStart + 1, query.from.map(CallColumns.seconds) ?? .min)
            upper = query.to.map(CallColumns.seconds)
        }
        if let direction = query.direction { add("c.direction = ?", direction.rawValue) }
        if let disposition = query.disposition { add("c.disposition = ?", disposition.rawValue) }
        if let phone = query.phone { add("\(RowFunctions.phone.name)(?, c.from_number, c.to_number)", phone) }
        if let agent = query.agent { add("\(RowFunctions.agent.name)(?, c.agent, c.agent_name)", agent) }
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

    private mutating func add(_ condition: String, _ value: some DatabaseValueConvertible) {
        conditions.append(condition)
        arguments.append(value.databaseValue)
    }

    /// One page of rows after `cursor`, in `order`.
    func page(after cursor: StoreCursor?, order: StoreQuery.Order, limit: Int) -> (sql: String, arguments: StatementArguments) {
        var conditions = conditions, arguments = arguments
        let descending = order == .newestFirst
        var lower = lower, upper = upper
        if let cursor {
            // The cursor narrows the index range itself; the row value only orders ties in time.
            if descending { upper = min(upper ?? .max, cursor.startedAt) } else { lower = max(lower ?? .min, cursor.startedAt) }
            conditions.append("(c.started_at, c.id) \(descending ? "<" : ">") (?, ?)")
            arguments += [cursor.startedAt.databaseValue, cursor.id.databaseValue]
        }
        Self.bound(&conditions, &arguments, lower: lower, upper: upper)
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

    /// How many calls match, counted in the index (no row is read unless a filter needs its columns).
    func count() -> (sql: String, arguments: StatementArguments) {
        var conditions = conditions, arguments = arguments
        Self.bound(&conditions, &arguments, lower: lower, upper: upper)
        return ("SELECT count(*) FROM \(table) WHERE \(conditions.joined(separator: " AND "))", StatementArguments(arguments))
    }

    private static func bound(_ conditions: inout [String], _ arguments: inout [DatabaseValue], lower: Int64?, upper: Int64?) {
        if let lower {
            conditions.append("c.started_at >= ?")
            arguments.append(lower.databaseValue)
        }
        if let upper {
            conditions.append("c.started_at <= ?")
            arguments.append(upper.databaseValue)
        }
    }
}
