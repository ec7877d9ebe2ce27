import Foundation
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
    /// A page of a long list ordered by a column walks that column's index (SQLite, without
    /// statistics, would rather sort the whole range for every page).
    private var sortedTable: String?
    /// The range in epoch seconds, both inclusive; nil where open.
    private var lower: Int64?
    private var upper: Int64?

    /// Up to this many matches of the full-text index count as few.
    static let fewMatches = 2000
    /// A list ordered by a column with up to this many calls is sorted whole for a page (a few
    /// milliseconds); a longer one walks the column's index from the cursor.
    static let fewToSort = 5000

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
        if query.sort != .time, table == "calls c" {
            var probe = self
            Self.bound(&probe.conditions, &probe.arguments, lower: lower, upper: upper)
            let matching = try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM calls c WHERE \(probe.conditions.joined(separator: " AND ")) LIMIT \(Self.fewToSort + 1))",
                                            arguments: StatementArguments(probe.arguments)) ?? 0
            if matching > Self.fewToSort { sortedTable = "calls c INDEXED BY calls_sorted_by_\(query.sort.rawValue)" }
        }
    }

    private mutating func add(_ condition: String, _ value: some DatabaseValueConvertible) {
        conditions.append(condition)
        arguments.append(value.databaseValue)
    }

    /// The statements of one page of rows after `cursor`, in the query's order, to be read in
    /// turn until the page is full: one, or, ordered by a column, the calls after the cursor that
    /// share its value and then those beyond it (each a seek in the column's index: SQLite
    /// cannot seek to a row value that starts with an expression).
    func page(after cursor: StoreCursor?, order: StoreQuery.Order, sort: StoreSort = .time, limit: Int) -> [(sql: String, arguments: StatementArguments)] {
        parts(after: cursor, sort: sort).map { part in
            var sql = self
            sql.keyset(after: cursor, order: order, sort: sort, part: part)
            let direction = order == .newestFirst ? "DESC" : "ASC"
            // Among ties the column's value is one: the order is the index's own.
            let leading = part == .ties ? "" : StoreSortSQL.expression(sort, emptyBytes: Self.emptyBytes).map { "\($0) \(direction), " } ?? ""
            let text = """
                SELECT \(CallColumns.selection), \(AnnotationOverlay.selection)
                FROM \(sortedTable ?? table) \(AnnotationOverlay.callJoins)
                WHERE \(sql.conditions.joined(separator: " AND "))
                ORDER BY \(leading)c.started_at \(direction), c.id \(direction)
                LIMIT \(limit)
                """
            return (text, StatementArguments(sql.arguments))
        }
    }

    /// How many calls match (after `cursor` in the query's order, when given), counted in the
    /// index (no row is read unless a filter needs its columns): the statements' counts add up.
    func count(after cursor: StoreCursor? = nil, order: StoreQuery.Order = .newestFirst, sort: StoreSort = .time) -> [(sql: String, arguments: StatementArguments)] {
        parts(after: cursor, sort: sort).map { part in
            var sql = self
            sql.keyset(after: cursor, order: order, sort: sort, part: part)
            return ("SELECT count(*) FROM \(table) WHERE \(sql.conditions.joined(separator: " AND "))", StatementArguments(sql.arguments))
        }
    }

    /// SQLite's empty BLOB, what a missing text sorts as.
    static let emptyBytes = "X''"

    /// Where a keyset of a column's order resumes: among the calls with the cursor's value, or
    /// past that value.
    private enum Part { case whole, ties, beyond }

    private func parts(after cursor: StoreCursor?, sort: StoreSort) -> [Part] {
        cursor?.key != nil && sort != .time ? [.ties, .beyond] : [.whole]
    }

    /// The range and the cursor as conditions: the cursor narrows the index range itself (the
    /// start time, or the column's value and then the start time), and the row value only orders
    /// ties.
    private mutating func keyset(after cursor: StoreCursor?, order: StoreQuery.Order, sort: StoreSort, part: Part) {
        let descending = order == .newestFirst
        var lower = lower, upper = upper
        if let cursor {
            let comparison = descending ? "<" : ">"
            if part == .beyond, let expression = StoreSortSQL.expression(sort, emptyBytes: Self.emptyBytes), let key = cursor.key {
                conditions.append("\(expression) \(comparison) ?")
                arguments.append(key.databaseValue)
            } else {
                if part == .ties, let expression = StoreSortSQL.expression(sort, emptyBytes: Self.emptyBytes), let key = cursor.key {
                    conditions.append("\(expression) = ?")
                    arguments.append(key.databaseValue)
                }
                if descending { upper = min(upper ?? .max, cursor.startedAt) } else { lower = max(lower ?? .min, cursor.startedAt) }
                conditions.append("(c.started_at, c.id) \(comparison) (?, ?)")
                arguments += [cursor.startedAt.databaseValue, cursor.id.databaseValue]
            }
        }
        Self.bound(&conditions, &arguments, lower: lower, upper: upper)
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

extension StoreSortKey {
    var databaseValue: DatabaseValue {
        switch self {
        case .text(let text): text.databaseValue
        case .bytes(let bytes): Data(bytes).databaseValue
        case .integer(let value): value.databaseValue
        }
    }
}
