import Foundation
import Testing
@testable import CallScopeSandbox

@Suite("CareSoft simulator") struct CareSoftSimulatorTests {
    let token = SandboxCredentials().caresoftToken
    let day: Int64 = 86400

    func calls(_ e: SandboxEndpoints, _ query: [(String, String)], token: String? = nil) async throws -> HTTPAnswer {
        try await HTTP.get(HTTP.url(e.caresoft + "/khachhang01/api/v1/calls", query), bearer: token ?? self.token)
    }

    func range(_ from: Int64, _ to: Int64) -> [(String, String)] {
        [("start_time_since", utcQueryTime(from)), ("start_time_to", utcQueryTime(to))]
    }

    @Test func pagesReachTheLastPageWithEveryCallOnce() async throws {
        try await withSandbox(calls: 1200) { _, e in
            let from = testAnchorEpoch - 20 * day, to = testAnchorEpoch
            var seen = Set<String>()
            var page = 1
            var numFound = -1
            while true {
                let answer = try await calls(e, range(from, to) + [("page", "\(page)"), ("count", "37"),
                                                                   ("order_by", "start_time"), ("order_type", "desc")])
                #expect(answer.status == 200)
                numFound = answer.json.int("numFound")!
                let rows = answer.json.objects("calls")
                if rows.isEmpty { break }
                for row in rows {
                    #expect(seen.insert(row.string("call_id")!).inserted)
                    let start = epoch(row.string("start_time")!, offsetHours: 7)
                    #expect(start >= from && start <= to)
                }
                page += 1
            }
            #expect(seen.count == numFound)
            #expect(numFound > 100 && numFound < 400) // 1200 calls over 120 days: about 200 in 20 days
        }
    }

    @Test func orderAndCountLimit() async throws {
        try await withSandbox { _, e in
            let desc = try await calls(e, range(testAnchorEpoch - 30 * day, testAnchorEpoch) + [("order_type", "desc"), ("count", "900")])
            let starts = desc.json.objects("calls").map { epoch($0.string("start_time")!, offsetHours: 7) }
            #expect(starts == starts.sorted(by: >))
            let asc = try await calls(e, range(testAnchorEpoch - 30 * day, testAnchorEpoch) + [("count", "3")])
            let ascStarts = asc.json.objects("calls").map { epoch($0.string("start_time")!, offsetHours: 7) }
            #expect(ascStarts == ascStarts.sorted() && ascStarts.count == 3)
            // count is capped at 500
            let big = try await withSandbox(calls: 20000) { _, e2 in
                try await calls(e2, range(testAnchorEpoch - 30 * day, testAnchorEpoch) + [("count", "900")])
            }
            #expect(big.json.objects("calls").count == 500)
        }
    }

    @Test func filtersNarrowTheResult() async throws {
        try await withSandbox(calls: 1500) { _, e in
            let window = range(testAnchorEpoch - 30 * day, testAnchorEpoch)
            let all = try await calls(e, window + [("count", "500")]).json
            let total = all.int("numFound")!
            let sample = all.objects("calls")
            func check(_ filter: (String, String), _ predicate: ([String: Any]) -> Bool) async throws {
                let answer = try await calls(e, window + [filter, ("count", "500")]).json
                let rows = answer.objects("calls")
                #expect(!rows.isEmpty, "\(filter) found nothing")
                #expect(answer.int("numFound")! < total, "\(filter) did not narrow")
                let allMatch = rows.allSatisfy(predicate)
                #expect(allMatch, "\(filter) let through a call that does not match")
            }
            try await check(("call_status", "miss")) { $0.string("call_status") == "miss" }
            try await check(("call_status", "metAgent")) { ["metAgent", "meetAgent"].contains($0.string("call_status")!) }
            try await check(("call_type", "1")) { $0.int("call_type") == 1 }
            try await check(("call_type", "3")) { $0.int("call_type") == 3 }
            let customerPhone = (sample.first { $0.int("call_type") == 0 } ?? sample[0]).string("caller")!
            try await check(("phone", customerPhone)) { $0.string("caller") == customerPhone || $0.string("called") == customerPhone }
            try await check(("agent_id", "1003")) { "\($0["agent_id"]!)" == "1003" }
            try await check(("service_id", "100155")) { $0.string("service_id") == "100155" }
            let one = try await calls(e, window + [("call_id", sample[5].string("call_id")!)]).json
            #expect(one.int("numFound") == 1)
        }
    }

    @Test func theFourThirtyOneDayRules() async throws {
        try await withSandbox(calls: 3000) { _, e in
            func found(_ query: [(String, String)]) async throws -> Int { try await calls(e, query).json.int("numFound")! }
            let last31 = try await found(range(testAnchorEpoch - 31 * day, testAnchorEpoch))
            // 1. only a start, more than 31 days ago: the last 31 days up to now
            #expect(try await found([("start_time_since", utcQueryTime(testAnchorEpoch - 90 * day))]) == last31)
            // 1. only a start, less than 31 days ago: kept
            #expect(try await found([("start_time_since", utcQueryTime(testAnchorEpoch - 10 * day))])
                    == (try await found(range(testAnchorEpoch - 10 * day, testAnchorEpoch))))
            // 2. an end more than 31 days after the start: the start becomes end − 31 days
            let end = testAnchorEpoch - 50 * day
            #expect(try await found(range(end - 80 * day, end)) == (try await found(range(end - 31 * day, end))))
            // 3. both within 31 days: as given
            let given = try await found(range(end - 5 * day, end))
            #expect(given > 0 && given < last31)
            // 4. start_time_since and end_time_since both: the end-time condition wins
            let byEnd = try await calls(e, [("start_time_since", utcQueryTime(testAnchorEpoch - 100 * day)),
                                            ("end_time_since", utcQueryTime(testAnchorEpoch - 3 * day)),
                                            ("count", "500")]).json
            let ends = byEnd.objects("calls").map { epoch($0.string("end_time")!, offsetHours: 7) }
            #expect(!ends.isEmpty && ends.allSatisfy { $0 >= testAnchorEpoch - 3 * day })
            // a bad date is refused in Laravel's words
            let bad = try await calls(e, [("start_time_since", "yesterday")])
            #expect(bad.status == 422 && bad.json.string("code") == "errors")
        }
    }

    @Test func tokenAndDomainAreChecked() async throws {
        try await withSandbox { _, e in
            let noToken = try await HTTP.get(e.caresoft + "/khachhang01/api/v1/calls")
            #expect(noToken.status == 401 && noToken.json.string("message") == "Unauthenticated.")
            let wrong = try await calls(e, [], token: "nope")
            #expect(wrong.status == 401)
            let domain = try await HTTP.get(e.caresoft + "/other/api/v1/calls", bearer: token)
            #expect(domain.status == 404)
            let ok = try await calls(e, [])
            #expect(ok.status == 200 && ok.json.string("code") == "OK")
        }
    }

    @Test func limiterAllowsFifteenInAnySlidingSecondThenLocksOut() {
        let limiter = SlidingWindowLimiter(limit: 15, lockAfter: 20, lockout: .seconds(900))
        let t0 = ContinuousClock.now
        for n in 0..<15 { #expect(limiter.decide(now: t0 + .milliseconds(n * 10)) == .accept) }
        #expect(limiter.decide(now: t0 + .milliseconds(500)) == .refuse)
        // the window slides: one second after the first request, one more fits
        #expect(limiter.decide(now: t0 + .milliseconds(1001)) == .accept)
        #expect(limiter.decide(now: t0 + .milliseconds(1002)) == .refuse)
        // more than 20 refusals in a row lock the domain for the lock-out
        for _ in 0..<20 { _ = limiter.decide(now: t0 + .milliseconds(1002)) }
        #expect(limiter.decide(now: t0 + .seconds(2)) == .locked)
        #expect(limiter.decide(now: t0 + .seconds(890)) == .locked)
        #expect(limiter.decide(now: t0 + .seconds(903)) == .accept)
    }

    @Test func overHTTPa429InLaravelsWordsThenTheLockOut() async throws {
        // 15 minutes scaled to 4.5 s. Requests go in bursts of 60 at once: one after another, a
        // loaded machine can answer so slowly that the sliding second never holds 15 of them, or
        // lets one through between refusals, and the 21 refusals in a row never come.
        try await withSandbox({ $0.clockScale = 0.005 }) { sandbox, e in
            var answers: [[HTTPAnswer]] = []
            var locked: HTTPAnswer?
            for _ in 0..<20 where locked == nil {
                let burst = try await withThrowingTaskGroup(of: HTTPAnswer.self) { group in
                    for _ in 0..<60 { group.addTask { try await calls(e, [("count", "1")]) } }
                    return try await group.reduce(into: [HTTPAnswer]()) { $0.append($1) }
                }
                answers.append(burst)
                locked = burst.first { $0.status == 404 }
            }
            let all = answers.flatMap { $0 }
            // the window starts empty: whatever the timing, the first burst has 15 accepted
            #expect(answers.first.map { $0.filter { $0.status == 200 }.count >= 15 } == true)
            #expect(all.contains { $0.status == 429 })
            #expect(all.filter { $0.status == 429 }.allSatisfy { $0.json.string("message") == "Too Many Attempts." })
            #expect(all.allSatisfy { [200, 429, 404].contains($0.status) })
            #expect(locked?.json.string("message") == "Domain incorrect too many times , retry after 15 minutes ")
            #expect(sandbox.caresoftRefusals >= 21)
            #expect(try await eventually { try await calls(e, []).status == 200 })
        }
    }

    @Test func recordShapeFollowsTheDocument() async throws {
        try await withSandbox { _, e in
            let rows = try await calls(e, range(testAnchorEpoch - 30 * day, testAnchorEpoch) + [("count", "200")]).json.objects("calls")
            for row in rows {
                #expect(row.string("call_id")!.contains("-LSKMQKWP-"))
                #expect(row.string("wait_time")!.count == 8)
                let answered = row.string("call_status") != "miss"
                #expect((row["path"] != nil) == answered)
                #expect((row["missed_reason"] is NSNull) == answered)
            }
            // ints arrive both as numbers and as strings
            #expect(rows.contains { $0["user_id"] is String } && rows.contains { $0["user_id"] is NSNumber })
            #expect(rows.contains { $0.string("call_status") == "metAgent" } && rows.contains { $0.string("call_status") == "meetAgent" })
        }
    }
}
