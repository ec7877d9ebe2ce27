import Testing

@testable import CallScopeKit

@Suite("Lenient mapping")
struct LenientMappingTests {
    @Test func documentedIntsMayArriveAsStrings() {
        let raw: JSONValue = [
            "transaction_id": "t", "duration": "20", "bill_sec": "5", "call_out_price": "2389.5",
            "time_start_to_answer": "1575253218",
        ]
        let record = OMICallMapping.map(raw, context: .test(.omicall)).record
        #expect(record.durationSeconds == 20)
        #expect(record.talkSeconds == 5)
        #expect(record.cost == 2389.5)
        #expect(record.endedAt == utc("2019-12-02T02:20:38Z"))
        let caresoft = CareSoftMapping.map(["call_id": "c", "call_type": "0", "agent_id": 5000], context: .test(.caresoft))
        #expect(caresoft.record.direction == .inbound)
        #expect(caresoft.record.agent == "5000", "agent_id arrives as an int or a string")
    }

    @Test func nullAndEmptyFieldsReadAsAbsentWithoutWarnings() {
        let raw: JSONValue = [
            "call_id": "c", "caller": "", "called": nil, "agent_id": "", "call_type": nil, "start_time": "",
            "end_time": nil, "call_status": "", "wait_time": "", "talk_time": nil, "path": "", "path_download": nil,
            "missed_reason": "",
        ]
        let mapped = CareSoftMapping.map(raw, context: .test(.caresoft))
        let record = mapped.record
        #expect(record.from == nil && record.to == nil && record.agent == nil)
        #expect(record.startedAt == nil && record.endedAt == nil && record.answeredAt == nil)
        #expect(record.waitSeconds == nil && record.talkSeconds == nil && record.durationSeconds == nil)
        #expect(record.recordingURL == nil && record.providerStatus == nil)
        #expect(record.direction == .unknown && record.disposition == .unknown)
        #expect(mapped.warnings.isEmpty)
    }

    @Test func zeroTimestampsAreAbsent() {
        let icsoc = ICSOCMapping.mapPush(["call_id": "c", "start_time": "0", "ans_time": 0, "end_time": "0"], context: .test(.icsoc))
        #expect(icsoc.record.startedAt == nil && icsoc.record.answeredAt == nil && icsoc.record.endedAt == nil)
        let caresoft = CareSoftMapping.map(["call_id": "c", "end_time": "0000-00-00 00:00:00"], context: .test(.caresoft))
        #expect(caresoft.record.endedAt == nil)
        #expect(icsoc.warnings.isEmpty && caresoft.warnings.isEmpty)
    }

    @Test func unknownEnumValuesBecomeUnknownKeepingTheProviderWords() {
        let mapped = OMICallMapping.map(["transaction_id": "t", "direction": "sideways", "disposition": "busy_line"], context: .test(.omicall))
        #expect(mapped.record.direction == .unknown)
        #expect(mapped.record.disposition == .unknown)
        #expect(mapped.record.providerStatus == "busy_line")
        #expect(mapped.warningFields == ["disposition", "direction"])
    }

    @Test func epochsAboveTenToTheElevenAreMilliseconds() {
        let raw: JSONValue = ["trans_id": "t", "create_at": 1_616_491_476_000, "answer_at": "1616491480", "end_call_at": 1_616_491_488_999]
        let record = VBotCampaignMapping.map(raw, context: .test(.vbotCampaign)).record
        #expect(record.startedAt == utc("2021-03-23T09:24:36Z"))
        #expect(record.answeredAt == utc("2021-03-23T09:24:40Z"))
        #expect(record.endedAt == utc("2021-03-23T09:24:48Z"))
    }

    @Test(arguments: ProviderKind.allCases)
    func aRecordThatIsNotAnObjectIsKeptWithAHashIdAndAWarning(provider: ProviderKind) {
        let raw: JSONValue = ["not", "an", "object"]
        let mapped = CallMapping.map(raw, context: .test(provider))
        #expect(mapped.record.id == "hash-" + raw.stableHashHex)
        #expect(mapped.record.raw == raw)
        #expect(mapped.record.provider == provider)
        #expect(mapped.warningFields.first == "(record)")
        #expect(mapped.warnings.allSatisfy { $0.recordID == mapped.record.id })
    }

    @Test func unreadableValuesWarnAndTheRestIsKept() {
        let raw: JSONValue = [
            "call_id": "c", "caller": "0901", "wait_time": "soon", "start_time": "yesterday", "agent_id": ["x"],
            "talk_time": "00:00:09",
        ]
        let mapped = CareSoftMapping.map(raw, context: .test(.caresoft))
        #expect(mapped.record.from == "0901")
        #expect(mapped.record.talkSeconds == 9)
        #expect(mapped.record.waitSeconds == nil && mapped.record.startedAt == nil && mapped.record.agent == nil)
        #expect(Set(mapped.warningFields) == ["wait_time", "start_time", "agent_id"])
        let warning = mapped.warnings.first { $0.field == "wait_time" }
        #expect(warning?.description == #"call c: wait_time: expected a duration (seconds or HH:MM:SS), got "soon""#)
    }

    @Test func nineteenDigitNumericIdsKeepEveryDigit() throws {
        let raw = try JSONParser.parse(#"{"callId": 6780056666542059520, "startTime": 1616491476}"#)
        #expect(ICSOCMapping.map(raw, context: .test(.icsoc)).record.id == "6780056666542059520")
        let caresoft = try JSONParser.parse(#"{"call_id": 12345678901234567890123}"#)
        #expect(CareSoftMapping.map(caresoft, context: .test(.caresoft)).record.id == "12345678901234567890123")
    }

    @Test func controlCharactersAndEscapeArePreserved() throws {
        let raw = try JSONParser.parse(#"{"transaction_id":"t","note":"a\u001b[31mred\u0007","customer":{"full_name":"x\ty"}}"#)
        let record = OMICallMapping.map(raw, context: .test(.omicall)).record
        #expect(record.note == "a\u{1B}[31mred\u{7}")
        #expect(record.customerName == "x\ty")
        #expect(record.raw["note"] == .string("a\u{1B}[31mred\u{7}"))
        #expect(record.jsonText().contains(#""note":"a\u001b[31mred\u0007""#))
    }

    @Test func accountZoneOverridesTheProviderDefault() {
        let context = MappingContext(account: "cs", provider: .caresoft, timeZone: .gmt)
        let record = CareSoftMapping.map(["call_id": "c", "start_time": "2022-10-08 23:38:14"], context: context).record
        #expect(record.startedAt == utc("2022-10-08T23:38:14Z"))
        #expect(record.account == "cs")
    }
}
