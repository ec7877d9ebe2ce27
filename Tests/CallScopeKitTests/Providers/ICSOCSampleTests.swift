import CallScopeTestSupport
import CustomDump
import Testing

@testable import CallScopeKit

@Suite("ICSOC sample responses")
struct ICSOCSampleTests {
    let context = MappingContext.test(.icsoc)

    @Test func searchResultMapsFieldByField() throws {
        let records = try Fixtures.records("icsoc-search", at: "data", "results")
        #expect(records.count == 1)
        let mapped = ICSOCMapping.map(records[0], context: context)
        expectNoDifference(
            mapped.record,
            CallRecord(
                account: "acct-icsoc", provider: .icsoc, id: "6780056666542059520", direction: .outbound,
                from: "010xxxx4343", to: "185xxxx2456", agent: nil,
                startedAt: utc("2021-03-23T09:24:36Z"), answeredAt: nil, endedAt: utc("2021-03-23T09:24:48Z"),
                talkSeconds: 0, durationSeconds: 12, disposition: .missed, providerStatus: "0/12",
                recordingURL: nil, campaign: "10008/13", annotationSource: .local, raw: records[0]))
        #expect(mapped.warnings.isEmpty)
    }

    @Test func unencryptedPushDataMapsFieldByField() throws {
        let raw = try #require(try Fixtures.json("icsoc-push-plain")["data"])
        let mapped = ICSOCMapping.mapPush(raw, context: context)
        expectNoDifference(
            mapped.record,
            CallRecord(
                account: "acct-icsoc", provider: .icsoc, id: "6811535818021285888", direction: .outbound,
                from: "01212345674", to: "156xxxx6818", agent: nil,
                startedAt: utc("2021-06-18T06:11:31Z"), answeredAt: nil, endedAt: utc("2021-06-18T06:12:01Z"),
                talkSeconds: 0, durationSeconds: 30, disposition: .missed, providerStatus: "0/12",
                recordingURL: nil, campaign: "10195/7", annotationSource: .local, raw: raw))
        #expect(mapped.warnings.isEmpty)
        #expect(raw["called_areaname"] == .string("河南 信阳"), "\\u escapes decoded in raw")
        #expect(raw["user_data"]?["template_data"] == .null)
    }

    @Test func answeredCallReadsAnswerTimeUnderEitherName() {
        let base: [JSONMember] = [
            JSONMember("callId", "c1"), JSONMember("transPhone", "8001"), JSONMember("startTime", 1_616_491_476),
            JSONMember("callresult", "2"), JSONMember("endresult", "11"), JSONMember("projectId", "10008"),
        ]
        for name in ["ansTime", "answerTime"] {
            let raw = JSONValue.object(base + [JSONMember(name, 1_616_491_480)])
            let mapped = ICSOCMapping.map(raw, context: context)
            #expect(mapped.record.answeredAt == utc("2021-03-23T09:24:40Z"), "\(name)")
            #expect(mapped.record.disposition == .answered)
            #expect(mapped.record.providerStatus == "2/11")
            #expect(mapped.record.agent == "8001")
            #expect(mapped.record.campaign == "10008", "no task: the project alone")
        }
    }

    @Test func customerOnlyConnectedIsMissedAndUnknownResultWarns() {
        #expect(ICSOCMapping.map(["callId": "c", "callresult": 1], context: context).record.disposition == .missed)
        let odd = ICSOCMapping.map(["callId": "c", "callresult": "9", "endresult": "12"], context: context)
        #expect(odd.record.disposition == .unknown)
        #expect(odd.record.providerStatus == "9/12")
        #expect(odd.warningFields == ["callresult"])
    }

    @Test func pushReadsNumbersAsStringsRecordingAndUserDataGivenAsText() {
        let raw: JSONValue = [
            "call_id": "p1", "start_time": "1623996691", "ans_time": "1623996700", "end_time": "1623996721",
            "link_secs": "21", "all_secs": "30", "callresult": "2", "endresult": "11",
            "record_file": "https://rec/p1.wav", "trans_phone": "8002",
            "user_data": #"{"proid":"10195","taskid":"7"}"#,
        ]
        let mapped = ICSOCMapping.mapPush(raw, context: context)
        #expect(mapped.record.answeredAt == utc("2021-06-18T06:11:40Z"))
        #expect(mapped.record.talkSeconds == 21)
        #expect(mapped.record.recordingURL == "https://rec/p1.wav")
        #expect(mapped.record.campaign == "10195/7")
        #expect(mapped.record.agent == "8002")
        #expect(mapped.warnings.isEmpty)
    }
}
