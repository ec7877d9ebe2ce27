import CallScopeTestSupport
import CustomDump
import Testing

@testable import CallScopeKit

@Suite("CareSoft sample response")
struct CareSoftSampleTests {
    let context = MappingContext.test(.caresoft)

    @Test func missedCallMapsFieldByField() throws {
        let raw = try Fixtures.records("caresoft-calls", at: "calls")[0]
        let mapped = CareSoftMapping.map(raw, context: context)
        expectNoDifference(
            mapped.record,
            CallRecord(
                account: "acct-caresoft", provider: .caresoft, id: "20221008233814-LSKMQKWP-43", direction: .inbound,
                from: "0868887835", to: "1068", agent: "5000",
                startedAt: utc("2022-10-08T16:38:14Z"), answeredAt: nil, endedAt: utc("2022-10-08T16:38:29Z"),
                waitSeconds: 15, talkSeconds: 0, holdSeconds: 0, durationSeconds: 15,
                disposition: .missed, providerStatus: "miss/missed_customer", recordingURL: nil,
                annotationSource: .local, raw: raw))
        #expect(mapped.warnings.isEmpty)
    }

    @Test func answeredCallMapsFieldByField() throws {
        let raw = try Fixtures.records("caresoft-calls", at: "calls")[1]
        let mapped = CareSoftMapping.map(raw, context: context)
        expectNoDifference(
            mapped.record,
            CallRecord(
                account: "acct-caresoft", provider: .caresoft, id: "20221104143655-LSKMQKWP-268", direction: .inbound,
                from: "0901774143", to: "1066", agent: "1444",
                startedAt: utc("2022-11-04T07:36:55Z"), answeredAt: utc("2022-11-04T07:36:56Z"),
                endedAt: utc("2022-11-04T07:37:19Z"),
                waitSeconds: 1, talkSeconds: 23, holdSeconds: 0, durationSeconds: 24,
                disposition: .answered, providerStatus: "meetAgent",
                recordingURL:
                    "https://caresoft.vn:19991/f/b6a0d15a9cf87c6cef402e5131f24f6b//6364c13c7569dc76dc5ee57e/cd0490cefca753*****9/4bae18d9c8a3ab403210ae78f37ab.mp3",
                annotationSource: .local, raw: raw))
        #expect(mapped.warnings.isEmpty)
    }

    @Test func rawKeepsUndocumentedFieldsInOrder() throws {
        let raw = try Fixtures.records("caresoft-calls", at: "calls")[0]
        let record = CareSoftMapping.map(raw, context: context).record
        #expect(record.raw.objectMembers?.prefix(4).map(\.key) == ["id", "customer_id", "call_id", "caller"])
        #expect(record.raw["id"] == .number("425647"))
        #expect(record.raw["call_survey"] == .string("NO"))
        #expect(record.raw["call_survey_result"] == .null)
    }

    @Test func metAgentSpellingAndStreamingPathFallback() {
        let raw: JSONValue = [
            "call_id": "c1", "call_type": 1, "call_status": "metAgent", "start_time": "2022-11-04 14:36:55",
            "wait_time": "00:00:05", "path": "https://x/stream.mp3", "path_download": "",
        ]
        let record = CareSoftMapping.map(raw, context: context).record
        #expect(record.disposition == .answered)
        #expect(record.direction == .outbound)
        #expect(record.answeredAt == utc("2022-11-04T07:37:00Z"))
        #expect(record.recordingURL == "https://x/stream.mp3")
        #expect(record.durationSeconds == nil, "no end time, no duration")
    }

    @Test func unknownCallTypeAndStatusAreKeptWithWarnings() {
        let raw: JSONValue = ["call_id": "c2", "call_type": 7, "call_status": "transferred", "missed_reason": "x"]
        let mapped = CareSoftMapping.map(raw, context: context)
        #expect(mapped.record.direction == .unknown)
        #expect(mapped.record.disposition == .unknown)
        #expect(mapped.record.providerStatus == "transferred/x")
        #expect(mapped.warningFields == ["call_status", "call_type"])
    }

    @Test func ivrCallTypeIsUnknownWithoutWarning() {
        let mapped = CareSoftMapping.map(["call_id": "c3", "call_type": "3"], context: context)
        #expect(mapped.record.direction == .unknown)
        #expect(mapped.warnings.isEmpty)
    }
}
