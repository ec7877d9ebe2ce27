import CallScopeKit
import Foundation
import GRDB

extension CallStore {
    /// The counts of the stored calls `query` selects (its account and filters; its own range
    /// is replaced by `range`), computed by SQLite in one read, so the parts agree with each other
    /// however calls arrive meanwhile: from the running totals per day and hour when no filter
    /// narrows the account, else over the report indexes. No call is read into memory.
    public func report(_ query: StoreQuery, range: TimeRange, provider: ProviderKind,
                       slicing: ReportSlicing) async throws -> CallReport {
        try await pool.read { db in
            let sql = try ReportSQL(query, range: range, db: db)
            let bounds = slicing.bounds(of: range)
            let groups: [ReportGroup], counts: [CallCounts]
            if query.narrowsTheAccount {
                (groups, counts) = (try sql.groups(db), try sql.slices(db, spans: sql.clipped(bounds)))
            } else {
                let totals = ReportTotalsSQL(calls: sql, account: query.account)
                (groups, counts) = (try totals.groups(db), try totals.slices(db, spans: sql.clipped(bounds)))
            }
            let slices = zip(bounds, counts).map { TimeSlice(start: $0.start, end: $0.end, counts: $1) }
            return ReportTally(groups).report(account: query.account, provider: provider, range: range,
                                              slices: slices, slicing: slicing)
        }
    }
}

extension StoreQuery {
    /// Whether a filter other than the range leaves out some of the account's calls.
    var narrowsTheAccount: Bool {
        phone != nil || agent != nil || direction != nil || disposition != nil || text != nil
    }
}

/// The counts of the calls of one (agent, direction, disposition) in a report's range: what a
/// store's query gives, from which `ReportTally` makes the report (the same for every backend).
public struct ReportGroup: Sendable {
    public var agent: String?
    public var agentName: String?
    public var direction: Direction
    public var disposition: Disposition
    public var counts: CallCounts
    public var waitSeconds: Int
    public var callsWithWait: Int
    /// The newest call's start: its agent name is the one shown.
    public var latest: Int64

    public init(agent: String?, agentName: String?, direction: Direction, disposition: Disposition, calls: Int, talkSeconds: Int,
                waitSeconds: Int, callsWithWait: Int, latest: Int64) {
        self.agent = agent
        self.agentName = agentName
        self.direction = direction
        self.disposition = disposition
        counts = CallCounts(calls: calls, answered: disposition == .answered ? calls : 0, missed: disposition == .missed ? calls : 0,
                            talkSeconds: talkSeconds)
        self.waitSeconds = waitSeconds
        self.callsWithWait = callsWithWait
        self.latest = latest
    }
}

/// The report's sums of the (agent, direction, disposition) groups.
public struct ReportTally {
    var totals = CallCounts()
    var waitSeconds = 0, callsWithWait = 0
    var byDisposition = Dictionary(uniqueKeysWithValues: Disposition.allCases.map { ($0, CallCounts()) })
    var byDirection = Dictionary(uniqueKeysWithValues: Direction.allCases.map { ($0, CallCounts()) })
    var agents: [String?: (counts: CallCounts, name: String?, latest: Int64)] = [:]

    public init(_ groups: [ReportGroup]) {
        for group in groups {
            totals += group.counts
            waitSeconds = waitSeconds.addingSaturated(group.waitSeconds)
            callsWithWait = callsWithWait.addingSaturated(group.callsWithWait)
            byDisposition[group.disposition]! += group.counts
            byDirection[group.direction]! += group.counts
            var agent = agents[group.agent] ?? (CallCounts(), group.agentName, group.latest)
            agent.counts += group.counts
            if group.latest > agent.latest { (agent.name, agent.latest) = (group.agentName, group.latest) }
            agents[group.agent] = agent
        }
    }

    /// Most calls first; among equals by agent, the calls without one last.
    var byAgent: [AgentCounts] {
        agents.map { AgentCounts(agent: $0.key, agentName: $0.value.name, counts: $0.value.counts) }.sorted { a, b in
            if a.counts.calls != b.counts.calls { return a.counts.calls > b.counts.calls }
            switch (a.agent, b.agent) {
            case let (x?, y?): return x < y
            case (_?, nil): return true
            default: return false
            }
        }
    }

    public func report(account: String, provider: ProviderKind, range: TimeRange, slices: [TimeSlice], slicing: ReportSlicing) -> CallReport {
        CallReport(account: account, provider: provider, range: range, totals: totals, waitSeconds: waitSeconds,
                   callsWithWait: callsWithWait, byDisposition: byDisposition, byDirection: byDirection, byAgent: byAgent,
                   slices: slices, slicing: slicing)
    }
}
