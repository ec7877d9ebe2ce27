import CallScopeKit
import CallScopeStore
import Foundation
import PostgresNIO

extension PostgresCallStore {
    /// The counts of the stored calls `query` selects (its account and filters; its own range
    /// replaced by `range`), grouped by PostgreSQL in one snapshot (a repeatable-read
    /// transaction), so the parts agree however calls arrive meanwhile. No call is read here.
    public func report(_ query: StoreQuery, range: TimeRange, provider: ProviderKind, slicing: ReportSlicing) async throws -> CallReport {
        var unranged = query
        (unranged.from, unranged.to) = (nil, nil)
        let from = CallColumns.seconds(range.from), to = CallColumns.seconds(range.to)
        let bounds = slicing.bounds(of: range)
        let groupsQuery = Self.groups(PostgresQueryBuilder(unranged), from: from, to: to)
        let slicesQuery = Self.slices(PostgresQueryBuilder(unranged), bounds: bounds.map { (max(CallColumns.seconds($0.start), from), min(CallColumns.seconds($0.end), to)) })
        let (groups, counts) = try await database.transaction { [logger = database.logger] connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            var groups: [ReportSQL.Group] = []
            for try await row in try await connection.query(groupsQuery, logger: logger) {
                let c = row.makeRandomAccess()
                let direction = try Self.decode(Direction.self, c[1].decode(String.self))
                let disposition = try Self.decode(Disposition.self, c[2].decode(String.self))
                let calls = try c[3].decode(Int.self)
                groups.append(ReportSQL.Group(
                    agent: try c[0].decode(ByteBuffer?.self).map { String(buffer: $0) },
                    agentName: try c[8].decode(ByteBuffer?.self).map { String(buffer: $0) }, direction: direction, disposition: disposition,
                    counts: CallCounts(calls: calls, answered: disposition == .answered ? calls : 0, missed: disposition == .missed ? calls : 0,
                                       talkSeconds: try c[4].decode(Int.self)),
                    waitSeconds: try c[5].decode(Int.self), callsWithWait: try c[6].decode(Int.self), latest: try c[7].decode(Int64.self)))
            }
            var counts: [CallCounts] = []
            if !bounds.isEmpty {
                for try await (calls, answered, missed, talk) in try await connection.query(slicesQuery, logger: logger).decode((Int, Int, Int, Int).self) {
                    counts.append(CallCounts(calls: calls, answered: answered, missed: missed, talkSeconds: talk))
                }
            }
            return (groups, counts)
        }
        let slices = zip(bounds, counts).map { TimeSlice(start: $0.start, end: $0.end, counts: $1) }
        return ReportTally(groups).report(account: query.account, provider: provider, range: range, slices: slices, slicing: slicing)
    }

    /// One row per (agent, direction, disposition) in the range, with the agent name of its newest call.
    private static func groups(_ filters: PostgresQueryBuilder, from: Int64, to: Int64) -> PostgresQuery {
        var builder = filters
        let low = builder.bind(from), high = builder.bind(to)
        return PostgresQuery(unsafeSQL: """
            SELECT c.agent, c.direction, c.disposition, count(*)::int8, coalesce(sum(c.talk_seconds), 0)::int8,
                   coalesce(sum(c.wait_seconds), 0)::int8, count(c.wait_seconds)::int8, max(c.started_at),
                   (array_agg(c.agent_name ORDER BY c.started_at DESC))[1]
            FROM calls c WHERE \(builder.conditions.joined(separator: " AND ")) AND c.started_at BETWEEN \(low) AND \(high)
            GROUP BY c.agent, c.direction, c.disposition
            """, binds: builder.bindings)
    }

    /// The counts of each slice (first and last second), in order, empty slices included.
    private static func slices(_ filters: PostgresQueryBuilder, bounds: [(Int64, Int64)]) -> PostgresQuery {
        var builder = filters
        let lows = builder.bind(bounds.map(\.0)), highs = builder.bind(bounds.map(\.1))
        return PostgresQuery(unsafeSQL: """
            SELECT count(c.id)::int8, count(*) FILTER (WHERE c.disposition = 'answered')::int8,
                   count(*) FILTER (WHERE c.disposition = 'missed')::int8, coalesce(sum(c.talk_seconds), 0)::int8
            FROM unnest(\(lows)::int8[], \(highs)::int8[]) WITH ORDINALITY AS s(low, high, n)
            LEFT JOIN calls c ON \(builder.conditions.joined(separator: " AND ")) AND c.started_at BETWEEN s.low AND s.high
            GROUP BY s.n ORDER BY s.n
            """, binds: builder.bindings)
    }

    private static func decode<T: RawRepresentable<String>>(_ type: T.Type, _ raw: String) throws -> T {
        guard let value = T(rawValue: raw) else { throw StoreError.corrupt("report: \"\(raw)\"") }
        return value
    }
}
