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

    /// The statement of `groups` over the seconds `span` (by default the whole range). A short
    /// span (the ragged end of a range, less than a day) seeks its calls by start and sorts them:
    /// left to itself, SQLite would walk the account's whole agent index to avoid that sort.
    func groupsStatement(_ span: ClosedRange<Int64>? = nil, short: Bool = false) -> (sql: String, arguments: StatementArguments) {
        let span = span ?? from...to
        // `agent_name` is a bare column beside the one max(): SQLite takes it from that row.
        let sql = """
            SELECT c.agent, c.direction, c.disposition, count(*), coalesce(sum(c.talk_seconds), 0),
                   coalesce(sum(c.wait_seconds), 0), count(c.wait_seconds), max(c.started_at), c.agent_name
            FROM calls c \(short ? "INDEXED BY calls_report_by_start" : "") WHERE \(conditions) AND c.started_at BETWEEN ? AND ?
            GROUP BY c.agent, c.direction, c.disposition
            """
        return (sql, StatementArguments(filters.arguments + [span.lowerBound.databaseValue, span.upperBound.databaseValue]))
    }

    func groups(_ db: Database, within span: ClosedRange<Int64>? = nil, short: Bool = false) throws -> [Group] {
        let (sql, arguments) = groupsStatement(span, short: short)
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.group)
    }

    /// A row of agent, direction, disposition, calls, talk, wait, calls with a wait, newest start, agent name.
    static func group(_ row: Row) throws -> Group {
        let direction: Direction = try decode(row[1], "direction")
        let disposition: Disposition = try decode(row[2], "disposition")
        return Group(agent: StoredText.read(row, 0), agentName: StoredText.read(row, 8), direction: direction, disposition: disposition,
                     calls: row[3], talkSeconds: row[4], waitSeconds: row[5], callsWithWait: row[6], latest: row[7])
    }

    /// The statement of `slices`.
    func slicesStatement(_ spans: [ClosedRange<Int64>]) -> (sql: String, arguments: StatementArguments) {
        let spans: [JSONValue] = spans.map { .array([.number(String($0.lowerBound)), .number(String($0.upperBound))]) }
        let sql = """
            SELECT (
                SELECT json_array(count(*), coalesce(sum(c.disposition = 'answered'), 0),
                                  coalesce(sum(c.disposition = 'missed'), 0), coalesce(sum(c.talk_seconds), 0))
                FROM calls c
                WHERE \(conditions) AND c.started_at BETWEEN json_extract(s.value, '$[0]') AND json_extract(s.value, '$[1]')
            )
            FROM json_each(?) s ORDER BY s.key
            """
        return (sql, StatementArguments(filters.arguments + [JSONValue.array(spans).serialized().databaseValue]))
    }

    /// The slices' seconds within the range (`bounds`: each slice's first and last second).
    func clipped(_ bounds: [(start: Date, end: Date)]) -> [ClosedRange<Int64>] {
        bounds.map { max(CallColumns.seconds($0.start), from)...min(CallColumns.seconds($0.end), to) }
    }

    /// Both statements, for a look at their query plans.
    func statements(bounds: [(start: Date, end: Date)]) -> [(sql: String, arguments: StatementArguments)] {
        [groupsStatement(), slicesStatement(clipped(bounds))]
    }

    /// The counts of the calls of each of `spans` (seconds, both ends included), in order.
    func slices(_ db: Database, spans: [ClosedRange<Int64>]) throws -> [CallCounts] {
        guard !spans.isEmpty else { return [] }
        let (sql, arguments) = slicesStatement(spans)
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
