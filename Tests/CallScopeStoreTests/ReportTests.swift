import CallScopeKit
import Foundation
import GRDB
import PostgresTestSupport
import Testing
@testable import CallScopeStore

@Suite("Reports computed in the store", .throwawayPostgres) struct ReportTests {
    static let base = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21T14:13:20Z

    /// 600 calls over three days with every direction, disposition and a few agents, some
    /// without a start, an agent or a talk time.
    static func randomCalls() -> [CallRecord] {
        var random = SystemRandomNumberGenerator()
        let numbers = ["0901774143", "84901774143", "0868887835", "1900", "+84 912 345 678"]
        let agents: [(String?, String?)] = [("1444", "Tiến"), ("1001", "Nguyễn Văn Đức"), (nil, nil), ("7", nil), ("1002", "Trần Thị Hồng")]
        return (0..<600).map { n -> CallRecord in
            let agent = agents.randomElement(using: &random)!
            var call = sampleCall("r\(n)", start: n % 97 == 0 ? nil : Int64.random(in: -40_000...230_000, using: &random),
                                  from: numbers.randomElement(using: &random), to: numbers.randomElement(using: &random),
                                  agent: agent.0, agentName: agent.1, customer: n % 5 == 0 ? "Phạm Thị Ngọc Ánh" : "Lê Văn Tám",
                                  direction: Direction.allCases.randomElement(using: &random)!,
                                  disposition: Disposition.allCases.randomElement(using: &random)!)
            call.talkSeconds = n % 7 == 0 ? nil : Int.random(in: 0...900, using: &random)
            call.waitSeconds = n % 5 == 0 ? nil : Int.random(in: 0...60, using: &random)
            return call
        }
    }

    @Test(arguments: StoreBackend.allCases) func reportEqualsCountingTheSameCallsByHand(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let records = Self.randomCalls()
            try await store.ingest(records)
            let hcm = TimeZone(identifier: "Asia/Ho_Chi_Minh")!, shanghai = TimeZone(identifier: "Asia/Shanghai")!
            let kolkata = TimeZone(identifier: "Asia/Kolkata")!  // +05:30: its days end mid-hour
            let ranges = [
                TimeRange(from: Self.base, to: Self.base.addingTimeInterval(190_000)),            // crosses days, mid-hour bounds
                TimeRange(from: Self.base.addingTimeInterval(3000.5), to: Self.base.addingTimeInterval(3000.5)),  // one second
                TimeRange(from: Self.base.addingTimeInterval(-86_400), to: Self.base.addingTimeInterval(300_000)),
            ]
            let filters: [StoreQuery] = [
                StoreQuery(account: "cs"),
                StoreQuery(account: "cs", phone: "0901774143"),
                StoreQuery(account: "cs", agent: "1444"),
                StoreQuery(account: "cs", agent: "đức"),
                StoreQuery(account: "cs", direction: .inbound, disposition: .missed),
                StoreQuery(account: "cs", phone: "868", agent: "7", direction: .outbound),
            ]
            for range in ranges {
                for query in filters {
                    for slicing in [ReportSlicing.hours, .days(hcm), .days(shanghai), .days(kolkata)] {
                        let report = try await store.report(query, range: range, provider: .caresoft, slicing: slicing)
                        let calls = records.filter { CallQuery(from: range.from, to: range.to, phone: query.phone, agent: query.agent,
                                                               direction: query.direction, disposition: query.disposition).matches($0) && $0.startedAt != nil }
                        HandCount(calls, range: range, slicing: slicing).expectEqual(report, "\(range) \(query) \(slicing)")
                    }
                }
            }
        }
    }

    /// Calls stored again with another start, agent, direction, disposition, talk or wait time
    /// move between the days and hours of an unfiltered report (its running totals) as they do
    /// when counted by hand.
    @Test(arguments: StoreBackend.allCases) func callsThatChangeMoveBetweenTheReportsTotals(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            var records = Self.randomCalls()
            try await store.ingest(records)
            var random = SystemRandomNumberGenerator()
            let agents = Dictionary(records.compactMap { call in call.agent.map { ($0, call.agentName) } }, uniquingKeysWith: { a, _ in a })
            for index in records.indices where index % 3 == 0 {
                var call = records[index]
                switch index % 4 {
                case 0: call.startedAt = call.startedAt.map { $0.addingTimeInterval(Double(Int.random(in: -90_000...90_000, using: &random))) }
                case 1: call.agent = agents.keys.randomElement(using: &random); call.agentName = call.agent.flatMap { agents[$0] ?? nil }
                case 2: (call.direction, call.disposition) = (Direction.allCases.randomElement(using: &random)!, Disposition.allCases.randomElement(using: &random)!)
                default: (call.talkSeconds, call.waitSeconds) = (call.talkSeconds == nil ? 42 : nil, call.waitSeconds == nil ? 7 : nil)
                }
                records[index] = call
            }
            try await store.ingest(records)
            let range = TimeRange(from: Self.base.addingTimeInterval(-100_000), to: Self.base.addingTimeInterval(330_000.5))
            for slicing in [ReportSlicing.hours, .days(TimeZone(identifier: "Asia/Kolkata")!)] {
                let report = try await store.report(StoreQuery(account: "cs"), range: range, provider: .caresoft, slicing: slicing)
                HandCount(records.filter { $0.startedAt.map { $0 >= range.from && $0 <= range.to } ?? false }, range: range, slicing: slicing)
                    .expectEqual(report, "\(slicing)")
            }
        }
    }

    /// The totals the triggers keep are the totals counted afresh from the calls (as a migration
    /// fills them for an older store).
    @Test func theRunningTotalsAreTheTotalsCountedAfresh() async throws {
        try await withSQLiteStore { store in
            var records = Self.randomCalls()
            try await store.ingest(records + [sampleCall("elsewhere", account: "other", start: 1000)])
            for index in records.indices where index % 2 == 0 { records[index].disposition = .busy; records[index].talkSeconds = nil }
            try await store.ingest(records)
            let tables = ["report_days", "report_hours"]
            let read = { @Sendable (db: Database) in try tables.map { try Row.fetchAll(db, sql: "SELECT * FROM \($0) ORDER BY 1, 2, 3, 4, 5, 6") } }
            let running = try await store.pool.read(read)
            let afresh = try await store.pool.write { db in
                for table in tables { try db.execute(sql: "DELETE FROM \(table)") }
                try ReportTotalsSchema.backfill(db)
                return try read(db)
            }
            #expect(running[0].count > 100 && running[1].count > 50)
            #expect(running == afresh)
        }
    }

    /// A search counts the calls the search lists, by the index and by a short term scanned.
    @Test(arguments: StoreBackend.allCases) func aReportOfASearchCountsTheCallsItFinds(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let records = Self.randomCalls()
            try await store.ingest(records)
            let range = TimeRange(from: Self.base, to: Self.base.addingTimeInterval(200_000))
            for text in ["ánh", "tam", "đức 1001", "a"] {
                let query = StoreQuery(account: "cs", from: range.from, to: range.to, text: text, includeRaw: false)
                let ids = Set(try await allPages(store, query, size: 500))
                #expect(!ids.isEmpty)
                let report = try await store.report(query, range: range, provider: .caresoft)
                HandCount(records.filter { ids.contains($0.id) }, range: range, slicing: .hours).expectEqual(report, text)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases) func everyKeyIsPresentWhenZero(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.ingest([sampleCall("other", account: "elsewhere", start: 100)])
            let range = TimeRange(from: Self.base.addingTimeInterval(-1800), to: Self.base.addingTimeInterval(7200))
            let report = try await store.report(StoreQuery(account: "cs"), range: range, provider: .caresoft)
            #expect(report.totals == CallCounts())
            #expect(report.byDisposition.count == Disposition.allCases.count && report.byDisposition.values.allSatisfy { $0 == CallCounts() })
            #expect(report.byDirection.count == Direction.allCases.count && report.byDirection.values.allSatisfy { $0 == CallCounts() })
            #expect(report.byAgent.isEmpty)
            // 13:43:20 → 16:13:20 UTC: the hours 13, 14, 15 and 16, empty.
            #expect(report.slices.map { RFC3339.string(from: $0.start) }
                    == ["2026-09-21T13:00:00Z", "2026-09-21T14:00:00Z", "2026-09-21T15:00:00Z", "2026-09-21T16:00:00Z"])
            #expect(report.slices.allSatisfy { $0.counts == CallCounts() })
            let json = report.json
            #expect(json["by_disposition"]?.objectMembers?.map(\.key) == ["answered", "missed", "busy", "failed", "unknown"])
            #expect(json["by_direction"]?.objectMembers?.map(\.key) == ["inbound", "outbound", "internal", "unknown"])
            #expect(json["by_disposition"]?.objectMembers?.allSatisfy { $0.value.intValue == 0 } == true)
            #expect(json["provider_report"] == .null)
        }
    }

    /// Days follow the zone's clock: a day with a daylight-saving change has 23 or 25 hours.
    @Test func daysOfAZoneWithDaylightSaving() async throws {
        let newYork = TimeZone(identifier: "America/New_York")!
        // 2026-11-01 is the day New York's clocks go back: 25 hours.
        let range = TimeRange(from: RFC3339.date(from: "2026-10-31T12:00:00-04:00")!, to: RFC3339.date(from: "2026-11-02T12:00:00-05:00")!)
        let bounds = ReportSlicing.days(newYork).bounds(of: range)
        #expect(bounds.map { RFC3339.string(from: $0.start) } == ["2026-10-31T04:00:00Z", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z"])
        #expect(bounds[1].end.timeIntervalSince(bounds[1].start) == 25 * 3600 - 1)
    }

    @Test func theReportReadsItsIndexesAloneWithoutSorting() async throws {
        try await withSQLiteStore { store in
            try await store.ingest(Self.randomCalls())
            let range = TimeRange(from: Self.base, to: Self.base.addingTimeInterval(100_000))
            for query in [StoreQuery(account: "cs"), StoreQuery(account: "cs", direction: .inbound, disposition: .answered)] {
                let plans = try await store.pool.read { db in
                    let sql = try ReportSQL(query, range: range, db: db)
                    return try sql.statements(bounds: ReportSlicing.hours.bounds(of: range)).map { text, arguments in
                        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + text, arguments: arguments).map { $0["detail"] as String }.joined(separator: "\n")
                    }
                }
                #expect(plans[0].contains("COVERING INDEX calls_report_by_agent"), "\(plans[0])")
                #expect(plans[1].contains("COVERING INDEX calls_report_by_start (account=? AND started_at>? AND started_at<?)"), "\(plans[1])")
                // The ragged end of a range seeks its calls by start, not the account's agent index.
                let end = try await store.pool.read { db in
                    let (text, arguments) = try ReportSQL(query, range: range, db: db).groupsStatement(1000...2000, short: true)
                    return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + text, arguments: arguments).map { $0["detail"] as String }.joined(separator: "\n")
                }
                #expect(end.contains("calls_report_by_start (account=? AND started_at>? AND started_at<?)"), "\(end)")
                // (Only the slices' own order is sorted: one row per hour.)
                for plan in plans { #expect(!plan.contains("TEMP B-TREE FOR GROUP BY"), "\(plan)") }
            }
        }
    }
}

/// The counts of a report worked out call by call, the plain way.
struct HandCount {
    var totals = CallCounts(), wait = 0, waited = 0
    var dispositions: [Disposition: CallCounts] = [:], directions: [Direction: CallCounts] = [:]
    var agents: [AgentCounts] = []
    var slices: [(Date, CallCounts)] = []

    init(_ calls: [CallRecord], range: TimeRange, slicing: ReportSlicing) {
        var byAgent: [String: (agent: String?, counts: CallCounts, newest: CallRecord)] = [:]
        for call in calls {
            let counts = Self.counts(call)
            totals += counts
            wait += call.waitSeconds ?? 0
            if call.waitSeconds != nil { waited += 1 }
            dispositions[call.disposition, default: CallCounts()] += counts
            directions[call.direction, default: CallCounts()] += counts
            let key = call.agent ?? "\u{0}none"
            var entry = byAgent[key] ?? (call.agent, CallCounts(), call)
            entry.counts += counts
            if call.startedAt! > entry.newest.startedAt! { entry.newest = call }
            byAgent[key] = entry
        }
        agents = byAgent.values.map { AgentCounts(agent: $0.agent, agentName: $0.newest.agentName, counts: $0.counts) }
            .sorted { ($0.counts.calls, $1.agent ?? "\u{10FFFF}") > ($1.counts.calls, $0.agent ?? "\u{10FFFF}") }
        // Slices: walk the clock from the slice holding `from`, hour by hour or midnight to midnight.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = if case .days(let zone) = slicing { zone } else { TimeZone(identifier: "UTC")! }
        let unit: Calendar.Component = if case .hours = slicing { .hour } else { .day }
        var start = calendar.dateInterval(of: unit, for: range.from)!.start
        while start <= range.to {
            let next = calendar.date(byAdding: unit, value: 1, to: start)!
            var counts = CallCounts()
            for call in calls where call.startedAt! >= start && call.startedAt! < next { counts += Self.counts(call) }
            slices.append((start, counts))
            start = next
        }
    }

    static func counts(_ call: CallRecord) -> CallCounts {
        CallCounts(calls: 1, answered: call.disposition == .answered ? 1 : 0, missed: call.disposition == .missed ? 1 : 0,
                   talkSeconds: call.talkSeconds ?? 0)
    }

    func expectEqual(_ report: CallReport, _ comment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(report.totals == totals, "\(comment)", sourceLocation: sourceLocation)
        #expect(report.waitSeconds == wait && report.callsWithWait == waited, "\(comment)", sourceLocation: sourceLocation)
        for disposition in Disposition.allCases {
            #expect(report.byDisposition[disposition] == dispositions[disposition] ?? CallCounts(), "\(comment) \(disposition)", sourceLocation: sourceLocation)
        }
        for direction in Direction.allCases {
            #expect(report.byDirection[direction] == directions[direction] ?? CallCounts(), "\(comment) \(direction)", sourceLocation: sourceLocation)
        }
        #expect(report.byAgent == agents, "\(comment)", sourceLocation: sourceLocation)
        #expect(report.slices.map(\.start) == slices.map(\.0), "\(comment)", sourceLocation: sourceLocation)
        #expect(report.slices.map(\.counts) == slices.map(\.1), "\(comment)", sourceLocation: sourceLocation)
    }
}
