import CallScopeKit
import CallScopeStore
import Foundation
import PostgresNIO

extension PostgresCallStore {
    /// The report as the SQLite store makes it, grouped by the database (nothing read into memory
    /// but the groups): the same `ReportTally` turns the groups into the report.
    public func report(_ query: StoreQuery, range: TimeRange, provider: ProviderKind, slicing: ReportSlicing) async throws -> CallReport {
        let from = CallColumns.seconds(range.from), to = CallColumns.seconds(range.to)
        let bounds = slicing.bounds(of: range)
        let builder = PostgresQueryBuilder(query)
        let groupsQuery = builder.reportGroups(from: from, to: to)
        let slicesQuery = builder.reportSlices(lows: bounds.map { max(CallColumns.seconds($0.start), from) },
                                               highs: bounds.map { min(CallColumns.seconds($0.end), to) })
        let (groups, counts) = try await database.withConnection { [logger = database.logger] connection in
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
            var counts: [CallCounts] = []
            if !bounds.isEmpty {
                for try await row in try await connection.query(slicesQuery, logger: logger) {
                    let (calls, answered, missed, talk) = try row.decode((Int64, Int64, Int64, Int64).self)
                    counts.append(CallCounts(calls: Int(calls), answered: Int(answered), missed: Int(missed), talkSeconds: Int(talk)))
                }
            }
            return (groups, counts)
        }
        let slices = zip(bounds, counts).map { TimeSlice(start: $0.start, end: $0.end, counts: $1) }
        return ReportTally(groups).report(account: query.account, provider: provider, range: range, slices: slices, slicing: slicing)
    }
}
