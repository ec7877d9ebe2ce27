import CallScopeKit
import Foundation
import Testing
@testable import CallScopeReceiver

/// A signed push whose numbers are out of range (ICSOC re-sends a push it thinks failed, for hours):
/// stored with those fields null and acknowledged `{"code":0}`, one log line a field naming the
/// account, the call and the field; the receiver goes on answering.
@Suite("poison pushes") struct PoisonPushTests {
    @Test(arguments: [false, true])
    func aPushWithNumbersOutOfRangeIsStoredAndAcknowledged(encrypt: Bool) async throws {
        let bench = try ReceiverBench()
        let running = try await bench.receiver().start()
        let poison: JSONValue = ["call_id": "6811535818021285888", "start_time": "1772359200", "end_time": "1e300",
                                 "link_secs": "9000000000000000000", "all_secs": .number("1e400"), "callresult": "2"]
        let answer = try await post(try PushPropertyTests.body(poison, encrypt: encrypt), to: running.url)
        #expect(answer.status == 200 && answer.text == #"{"code":0}"#, "\(answer)")
        let stored = try #require(try await bench.stored("6811535818021285888"))
        #expect(stored.startedAt == Date(timeIntervalSince1970: 1_772_359_200))
        #expect(stored.endedAt == nil && stored.talkSeconds == nil && stored.durationSeconds == nil)
        let lines = bench.logs.withLock { $0 }
        #expect(lines.count == 3)
        #expect(lines.contains(#"callscope receive: ic: call 6811535818021285888: end_time: out of range: "1e300" is not a time from 1970 through 9999"#), "\(lines)")
        // Still serving: a genuine push after it is stored too.
        let next = try bench.pushes(1, encrypt: encrypt)[0]
        #expect(try await post(Array(next.body.utf8), to: running.url).status == 200)
        #expect(try await bench.stored(next.callID) != nil)
        await running.stop()
    }
}
