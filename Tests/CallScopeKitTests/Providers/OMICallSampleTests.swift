import CallScopeTestSupport
import CustomDump
import Testing

@testable import CallScopeKit

@Suite("OMICall sample responses")
struct OMICallSampleTests {
    let context = MappingContext.test(.omicall)

    @Test func listItemMapsFieldByField() throws {
        let records = try Fixtures.records("omicall-list", at: "payload", "items")
        #expect(records.count == 1)
        let mapped = OMICallMapping.map(records[0], context: context)
        expectNoDifference(
            mapped.record,
            CallRecord(
                account: "acct-omicall", provider: .omicall, id: "2159f8d9-5a6e-440f-8995-8d0f55c1xxx",
                direction: .outbound, from: "842899990338", to: "0395187319", agent: "142",
                agentName: "TRAN VAN TIEN", customerName: "Trần Văn Tiến",
                startedAt: utc("2019-12-02T02:20:18Z"), answeredAt: nil, endedAt: utc("2019-12-02T02:20:38Z"),
                waitSeconds: nil, talkSeconds: 5, holdSeconds: nil, durationSeconds: 20,
                disposition: .answered, providerStatus: "answered",
                recordingURL: "https://drive.google.com/uc?id=6NZI5ZucJ6E-g9NcvXPU8D0&export=download",
                cost: 2389, tags: ["hailong", "dongy", "vip"], note: "Ghi chu cuoc goi",
                annotationSource: .remote, raw: records[0]))
        #expect(mapped.warnings.isEmpty)
    }

    @Test func detailPayloadMapsFieldByField() throws {
        let raw = try #require(try Fixtures.json("omicall-detail")["payload"])
        let mapped = OMICallMapping.map(raw, context: context)
        expectNoDifference(
            mapped.record,
            CallRecord(
                account: "acct-omicall", provider: .omicall, id: "91d3e842-9da2-43ec-8bb1-979c17e817ad",
                direction: .outbound, from: "842727777787", to: "0979816773", agent: "101",
                agentName: "TestBoss 123", customerName: "Trần Văn Tiến 1",
                startedAt: utc("2020-05-09T09:10:32Z"), endedAt: utc("2020-05-09T09:14:34Z"),
                talkSeconds: 232, durationSeconds: 242, disposition: .answered, providerStatus: "answered",
                recordingURL: "https://drive.google.com/.......", cost: 2389,
                tags: ["hailong", "dongy", "vip"], note: "Ghi chu cuoc goi", annotationSource: .remote, raw: raw))
        #expect(mapped.warnings.isEmpty)
    }

    @Test func changeResponseWithDuplicateNoteKeyReadsTheLastNote() throws {
        let raw = try #require(try Fixtures.json("omicall-change")["payload"])
        let mapped = OMICallMapping.map(raw, context: context)
        expectNoDifference(
            mapped.record,
            CallRecord(
                account: "acct-omicall", provider: .omicall, id: "91d3e842-9da2-43ec-8bb1-979c17e817ad",
                direction: .outbound, from: "842727777787", to: "0979816773", agent: "101",
                agentName: "TestBoss 123", customerName: "Trần Văn Tiến 1",
                startedAt: utc("2020-05-09T09:10:32Z"), endedAt: utc("2020-05-09T09:14:34Z"),
                talkSeconds: 232, durationSeconds: 242, disposition: .answered, providerStatus: "answered",
                recordingURL: "https://drive.google.com/uc?id=1Jry_LGzQM....", cost: nil,
                tags: ["hailong", "dongy", "vip"], note: "Ghi chu cuoc goi", annotationSource: .remote, raw: raw))
        #expect(raw.objectMembers?.filter { $0.key == "note" }.count == 2, "raw keeps both note members")
    }

    @Test func localDirectionCancelledDispositionAndTagObjects() {
        let raw: JSONValue = [
            "transaction_id": "t1", "direction": "local", "disposition": "cancelled",
            "tag": [["name": "vip"], "callback", ""], "time_start_to_answer": 1_575_253_235_933,
        ]
        let mapped = OMICallMapping.map(raw, context: context)
        #expect(mapped.record.direction == .internal)
        #expect(mapped.record.disposition == .missed)
        #expect(mapped.record.providerStatus == "cancelled")
        #expect(mapped.record.tags == ["vip", "callback"])
        #expect(mapped.record.startedAt == utc("2019-12-02T02:20:35Z"), "an epoch above 10^11 is milliseconds")
        #expect(mapped.warnings.isEmpty)
    }
}
