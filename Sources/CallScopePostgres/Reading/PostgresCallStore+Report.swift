import CallScopeKit
import CallScopeStore
import Foundation
import PostgresNIO

extension PostgresCallStore {
    /// The report as the SQLite store makes it, grouped by the database (nothing read into memory
    /// but the groups): the same `ReportTally` turns the groups into the report. One pass over the
    /// range for the groups and one for the slices, both hashed: the transaction's `work_mem` lets
    /// PostgreSQL hash the groups instead of sorting a year of calls on disk.
    public func report(_ query: StoreQuery, range: TimeRange, provider: ProviderKind, slicing: ReportSlicing) async throws -> CallReport {
        let from = CallColumns.seconds(range.from), to = CallColumns.seconds(range.to)
        let bounds = slicing.bounds(of: range)
        let builder = PostgresQueryBuilder(query)
        let groupsQuery = builder.reportGroups(from: from, to: to)
        let slicesQuery = builder.reportSlices(lows: bounds.map { max(CallColumns.seconds($0.start), from) }, from: from, to: to)
        let (groups, counts) = try await database.transaction { [logger = database.logger] connection in
            try await connection.query("SET LOCAL work_mem = '64MB'", logger: logger)
            var groups: [ReportGroup] = []
            for try await row in try await connection.query(groupsQuery, logger: logger) {
                let (agent, direction, disposition, calls, talk, wait, withWait, latest, name) = try row.decode(
                    (ByteBuffer?, String, String, Int64, Int64, Int64, Int64, Int64, ByteBuffer?).self)
                guard let direction = Direction(rawValue: direction), let disposition = Disposition(rawValue: disposition) else {
                    throw StoreError.corrupt("report: direction \(direction), disposition \(disposition)")
                }
                groups.append(ReportGroup(agent: agent.map { String(buffer: $0) }, agentName: name.map { String(buffer: $0) },
                                          direction: direction, disposition: disposition, calls: Int(calls), talkSeconds: Int(talk),
                                          waitSeconds: Int(wait), callsWithWait: Int(withWait), latest: latest))
            }
            // Slice n (1-based, as width_bucket counts) → its counts; an empty slice has no row.
            var counts = [CallCounts](repeating: CallCounts(), count: bounds.count)
            if !bounds.isEmpty {
                for try await row in try await connection.query(slicesQuery, logger: logger) {
                    let (slice, calls, answered, missed, talk) = try row.decode((Int32, Int64, Int64, Int64, Int64).self)
                    guard counts.indices.contains(Int(slice) - 1) else { throw StoreError.corrupt("report: slice \(slice) of \(bounds.count)") }
                    counts[Int(slice) - 1] = CallCounts(calls: Int(calls), answered: Int(answered), missed: Int(missed), talkSeconds: Int(talk))
                }
            }
            return (groups, counts)
        }
        let slices = zip(bounds, counts).map { TimeSlice(start: $0.start, end: $0.end, counts: $1) }
        return ReportTally(groups).report(account: query.account, provider: provider, range: range, slices: slices, slicing: slicing)
    }
}
