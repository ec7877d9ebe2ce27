import CallScopeKit
import Foundation
import Testing
@testable import CallScopeReceiver

/// Genuinely signed pushes holding what a broken or hostile sender could put in them: call ids
/// that cannot be stored, numbers no field can hold.
@Suite("poison pushes") struct PoisonPushTests {
    static func send(_ data: JSONValue, encrypt: Bool = false, to url: String) async throws -> (status: Int, text: String) {
        try await post(try PushPropertyTests.body(data, encrypt: encrypt), to: url)
    }

    @Test func aCallIDIsAcceptableWhenNotEmptyAndFreeOfControlCharacters() {
        for id in ["6811535818021285888", "hash-0a1b", "Tiến 📞", " x "] { #expect(CallRecord.isAcceptableCallID(id), "\(id.debugDescription)") }
        for id in ["", "\u{0}", "a\u{0}b", "a\tb", "\n", "\u{1B}[2J", "\u{7F}", "\u{85}", "\u{9F}"] {
            #expect(!CallRecord.isAcceptableCallID(id), "\(id.debugDescription)")
        }
    }

    @Test func anEmptyCallIDOrOneWithControlCharactersIsRefusedWith400() async throws {
        let bench = try ReceiverBench()
        let running = try await bench.receiver().start()
        let ids = ["", "a\u{0}b", "\u{0}", "\u{1B}]0;retitled\u{7}", "\u{1B}]52;c;Y2xpcGJvYXJk\u{7}", "x\ny", "\u{85}", "\u{7F}"]
        for (index, id) in ids.enumerated() {
            let data: JSONValue = ["call_id": .string(id), "caller": "body-marker", "start_time": "1790000000"]
            let answer = try await Self.send(data, encrypt: index.isMultiple(of: 2), to: running.url)
            #expect(answer.status == 400, "\(id.debugDescription): \(answer.text)")
            #expect(code(answer.text).map { $0 != 0 } == true, "\(id.debugDescription): \(answer.text)")
        }
        #expect(try await bench.storedCount() == 0)
        let lines = bench.logs.withLock { $0 }
        #expect(lines.count == ids.count)
        for line in lines {
            #expect(line.contains("refused") && !line.contains(pushSecret) && !line.contains("body-marker"), "\(line)")
            #expect(!line.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(line.debugDescription)")
        }
        // the receiver carries on
        let genuine = try bench.pushes(1, encrypt: false)[0]
        #expect(try await post(genuine.body, to: running.url).text == #"{"code":0}"#)
        await running.stop()
    }

    /// Out-of-range numbers in every numeric field (strings, as ICSOC sends them, and numbers):
    /// the push is acknowledged, the call stored, the field null, one warning each.
    @Test func outOfRangeNumbersAreStoredAsNullAndAcknowledged() async throws {
        let bench = try ReceiverBench()
        let running = try await bench.receiver().start()
        let pushes: [(id: String, data: JSONValue)] = [
            ("poison-1", ["call_id": "poison-1", "start_time": "1790000000", "end_time": "1e300", "link_secs": .number("9e18"),
                          "all_secs": "-5", "ans_time": "-1e300", "callresult": "2"]),
            ("poison-2", ["call_id": "poison-2", "start_time": .number("1e300"), "end_time": "NaN", "link_secs": "9223372036854775808",
                          "all_secs": .number("1e19"), "ans_time": .number("-1"), "callresult": .number("1e400")]),
            ("poison-3", ["call_id": .number("1e300"), "start_time": "253402300800000", "end_time": "-62135596800", "link_secs": "2678401",
                          "all_secs": "99999999999:00:00", "ans_time": "0.000001"]),
        ]
        for (index, push) in pushes.enumerated() {
            let answer = try await Self.send(push.data, encrypt: index == 1, to: running.url)
            #expect(answer.status == 200 && answer.text == #"{"code":0}"#, "\(push.id): \(answer.text)")
        }
        let first = try #require(try await bench.stored("poison-1"))
        #expect(first.startedAt == Date(timeIntervalSince1970: 1_790_000_000), "a good field is kept")
        #expect(first.endedAt == nil && first.talkSeconds == nil && first.durationSeconds == nil && first.answeredAt == nil)
        let second = try #require(try await bench.stored("poison-2"))
        #expect(second.startedAt == nil && second.endedAt == nil && second.talkSeconds == nil && second.durationSeconds == nil)
        // after 9999 (in milliseconds, as an epoch over 10^11 is read), before 1970, over 31 days
        let third = try #require(try await bench.stored("1e300"))
        #expect(third.startedAt == nil && third.endedAt == nil && third.talkSeconds == nil && third.durationSeconds == nil)
        let lines = bench.logs.withLock { $0 }
        for (id, field) in [("poison-1", "end_time"), ("poison-1", "link_secs"), ("poison-2", "start_time"), ("1e300", "all_secs")] {
            #expect(lines.contains { $0.contains(account) && $0.contains("call \(id):") && $0.contains(field) }, "\(id) \(field): \(lines)")
        }
        #expect(!lines.contains { $0.contains("refused") })
        // the receiver carries on
        let genuine = try bench.pushes(1, encrypt: true)[0]
        #expect(try await post(genuine.body, to: running.url).text == #"{"code":0}"#)
        await running.stop()
    }
}
