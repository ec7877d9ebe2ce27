import CallScopeKit
import Foundation
import GRDB

/// The two queries of a report, both over the calls the filters select within the range:
///
/// - `groups`: one row per (agent, direction, disposition) with its counts, read from
///   `calls_report_by_agent` in index order; the totals, every direction and disposition and
///   every agent are sums of these few rows.
/// - `slices`: for each hour or day, its counts, each slice a range of `calls_report_by_start`.
///   A correlated subquery per slice walks the index in order and needs no sorting, where a
///   GROUP BY of the slice would sort every call of the range first (three times slower over a
///   year); its counts come back packed in one JSON array, as a subquery yields one value.
struct ReportSQL {
    let filters: StoreSQL
    let from: Int64, to: Int64

    init(_ query: StoreQuery, range: TimeRange, db: Database) throws {
        filters = try StoreSQL.allFilters(query, db: db)
        from = CallColumns.seconds(range.from)
        to = CallColumns.seconds(range.to)
    }

    private var conditions: String { filters.conditions.joined(separator: " AND ") }

    typealias Group = ReportGroup

    /// The statement of `groups`.
    var groupsStatement: (sql: String, arguments: StatementArguments) {
        // `agent_name` is a bare column beside the one max(): SQLite takes it from that row.
        let sql = """
            SELECT c.agent, c.direction, c.disposition, count(*), coalesce(sum(c.talk_seconds), 0),
                   coalesce(sum(c.wait_seconds), 0), count(c.wait_seconds), max(c.started_at), c.agent_name
            FROM calls c WHERE \(conditions) AND c.started_at BETWEEN ? AND ?
            GROUP BY c.agent, c.direction, c.disposition
            """
        return (sql, StatementArguments(filters.arguments + [from.databaseValue, to.databaseValue]))
    }

    func groups(_ db: Database) throws -> [Group] {
        let (sql, arguments) = groupsStatement
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let direction: Direction = try Self.decode(row[1], "direction")
            let disposition: Disposition = try Self.decode(row[2], "disposition")
            return Group(agent: StoredText.read(row, 0), agentName: StoredText.read(row, 8), direction: direction, disposition: disposition,
                         calls: row[3], talkSeconds: row[4], waitSeconds: row[5], callsWithWait: row[6], latest: row[7])
        }
    }

    /// The statement of `slices`.
    func slicesStatement(bounds: [(start: Date, end: Date)]) -> (sql: String, arguments: StatementArguments) {
        let clipped: [JSONValue] = bounds.map { bound in
            let low = max(CallColumns.seconds(bound.start), from), high = min(CallColumns.seconds(bound.end), to)
            return .array([.number(String(low)), .number(String(high))])
        }
        let sql = """
            SELECT (
                SELECT json_array(count(*), coalesce(sum(c.disposition = 'answered'), 0),
                                  coalesce(sum(c.disposition = 'missed'), 0), coalesce(sum(c.talk_seconds), 0))
                FROM calls c
                WHERE \(conditions) AND c.started_at BETWEEN json_extract(s.value, '$[0]') AND json_extract(s.value, '$[1]')
            )
            FROM json_each(?) s ORDER BY s.key
            """
        return (sql, StatementArguments(filters.arguments + [JSONValue.array(clipped).serialized().databaseValue]))
    }

    /// Both statements, for a look at their query plans.
    func statements(bounds: [(start: Date, end: Date)]) -> [(sql: String, arguments: StatementArguments)] {
        [groupsStatement, slicesStatement(bounds: bounds)]
    }

    /// The counts of each slice (`bounds`: first and last second), in order.
    func slices(_ db: Database, bounds: [(start: Date, end: Date)]) throws -> [CallCounts] {
        guard !bounds.isEmpty else { return [] }
        let (sql, arguments) = slicesStatement(bounds: bounds)
        return try String.fetchAll(db, sql: sql, arguments: arguments).map { text in
            let numbers = (try? JSONParser.parse(text).arrayValue)?.compactMap(\.intValue) ?? []
            guard numbers.count == 4 else { throw StoreError.corrupt("report slice: \(text)") }
            return CallCounts(calls: numbers[0], answered: numbers[1], missed: numbers[2], talkSeconds: numbers[3])
        }
    }

    private static func decode<T: RawRepresentable<String>>(_ raw: String, _ field: String) throws -> T {
        guard let value = T(rawValue: raw) else { throw StoreError.corrupt("report: \(field) \"\(raw)\"") }
        return value
    }
}
