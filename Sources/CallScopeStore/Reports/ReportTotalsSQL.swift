import CallScopeKit
import GRDB

/// A report of an account's calls with no other filter, read from the running totals
/// (`ReportTotalsSchema`) for the whole UTC days and hours of its range and from the calls
/// (`ReportSQL`) for the ragged ends: a year costs some 400 day rows per agent instead of a
/// million calls. The totals know no filter, so a filtered report counts the calls.
struct ReportTotalsSQL {
    let calls: ReportSQL
    let account: String

    /// The (agent, direction, disposition) groups of the range.
    func groups(_ db: Database) throws -> [ReportGroup] {
        let cover = ReportCover(calls.from...calls.to, unit: ReportCover.day)
        var groups = try cover.ends.flatMap { try calls.groups(db, within: $0, short: true) }
        if let days = cover.whole {
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT CASE WHEN has_agent THEN agent END, direction, disposition, sum(calls), sum(talk_seconds),
                       sum(wait_seconds), sum(calls_with_wait), max(latest), agent_name
                FROM report_days WHERE account = ? AND day BETWEEN ? AND ?
                GROUP BY has_agent, agent, direction, disposition
                """), arguments: [account, days.lowerBound, days.upperBound])
            groups += try rows.map(ReportSQL.group)
        }
        return groups
    }

    /// The counts of each slice (`spans`: its seconds within the range), in order.
    func slices(_ db: Database, spans: [ClosedRange<Int64>]) throws -> [CallCounts] {
        let covers = spans.map { ReportCover($0, unit: ReportCover.hour) }
        let hours = try hourTotals(db, covers.compactMap(\.whole))
        var ends = try calls.slices(db, spans: covers.flatMap(\.ends)).makeIterator()
        return covers.map { cover in
            var counts = CallCounts()
            if let whole = cover.whole { for hour in whole { counts += hours[hour] ?? CallCounts() } }
            for _ in cover.ends { counts += ends.next()! }
            return counts
        }
    }

    /// The totals of every hour from the first of `ranges` to the last that has calls.
    private func hourTotals(_ db: Database, _ ranges: [ClosedRange<Int64>]) throws -> [Int64: CallCounts] {
        guard let first = ranges.map(\.lowerBound).min(), let last = ranges.map(\.upperBound).max() else { return [:] }
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT hour, calls, answered, missed, talk_seconds FROM report_hours WHERE account = ? AND hour BETWEEN ? AND ?
            """), arguments: [account, first, last])
        return Dictionary(uniqueKeysWithValues: rows.map { row in
            (row[0], CallCounts(calls: row[1], answered: row[2], missed: row[3], talkSeconds: row[4]))
        })
    }
}
