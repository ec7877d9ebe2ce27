import CallScopeTestSupport
import Testing

@testable import CallScopeKit

@Suite("Call record JSON")
struct CallRecordJSONTests {
    let full = CallRecord(
        account: "cs", provider: .caresoft, id: "20221104143655-LSKMQKWP-268", direction: .inbound,
        from: "0901774143", to: "1066", agent: "1444", agentName: "Lan", customerName: "Trần \"Tiến\"",
        startedAt: utc("2022-11-04T07:36:55Z"), answeredAt: utc("2022-11-04T07:36:56Z"), endedAt: utc("2022-11-04T07:37:19Z"),
        waitSeconds: 1, talkSeconds: 23, holdSeconds: 0, durationSeconds: 24, disposition: .answered,
        providerStatus: "meetAgent", recordingURL: "https://x/y.mp3", cost: 10.1, campaign: "10008/13",
        tags: ["vip", "callback"], note: "gọi lại\n", annotationSource: .local, raw: ["call_id": "20221104143655-LSKMQKWP-268", "n": 1.50]
    )

    @Test func writesTheSpecFieldsInOrder() {
        let expected =
            #"{"account":"cs","provider":"caresoft","id":"20221104143655-LSKMQKWP-268","direction":"inbound","#
            + #""from":"0901774143","to":"1066","agent":"1444","agent_name":"Lan","customer_name":"Trần \"Tiến\"","#
            + #""started_at":"2022-11-04T07:36:55Z","answered_at":"2022-11-04T07:36:56Z","ended_at":"2022-11-04T07:37:19Z","#
            + #""wait_seconds":1,"talk_seconds":23,"hold_seconds":0,"duration_seconds":24,"disposition":"answered","#
            + #""provider_status":"meetAgent","recording_url":"https://x/y.mp3","cost":10.1,"campaign":"10008/13","#
            + #""tags":["vip","callback"],"note":"gọi lại\u000a","annotation_source":"local"}"#
        #expect(full.jsonText() == expected)
    }

    @Test func rawComesLastOnlyWhenAsked() {
        let text = full.jsonText(includeRaw: true)
        #expect(text.hasSuffix(#","annotation_source":"local","raw":{"call_id":"20221104143655-LSKMQKWP-268","n":1.5}}"#))
        #expect(!full.jsonText().contains(#""raw""#))
    }

    @Test func absentValuesAreNullAndIntegralCostHasNoFraction() {
        var record = CallRecord(account: "omi", provider: .omicall, id: "t")
        #expect(
            record.jsonText()
                == #"{"account":"omi","provider":"omicall","id":"t","direction":"unknown","from":null,"to":null,"#
                + #""agent":null,"agent_name":null,"customer_name":null,"started_at":null,"answered_at":null,"#
                + #""ended_at":null,"wait_seconds":null,"talk_seconds":null,"hold_seconds":null,"duration_seconds":null,"#
                + #""disposition":"unknown","provider_status":null,"recording_url":null,"cost":null,"campaign":null,"#
                + #""tags":[],"note":null,"annotation_source":"remote"}"#)
        record.cost = 2389
        #expect(record.jsonText().contains(#""cost":2389,"#))
    }

    @Test func fieldNamesListMatchesTheWriter() throws {
        let parsed = try JSONParser.parse(full.jsonText(includeRaw: true))
        #expect(parsed.objectMembers?.map(\.key) == CallRecord.jsonFieldNames)
    }

    @Test func prettyTextParsesToTheSameDocument() throws {
        let pretty = full.jsonText(includeRaw: true, pretty: true)
        #expect(pretty.hasPrefix("{\n  \"account\": \"cs\",\n  \"provider\": \"caresoft\","))
        #expect(try JSONParser.parse(pretty) == JSONParser.parse(full.jsonText(includeRaw: true)))
    }

    @Test func recordsReadBackFromTheirJSON() throws {
        #expect(try CallRecord(json: JSONParser.parse(full.jsonText(includeRaw: true))) == full)
        var withoutRaw = full
        withoutRaw.raw = .object([])
        #expect(try CallRecord(json: JSONParser.parse(full.jsonText())) == withoutRaw)
    }

    @Test func everySampleRecordRoundTrips() throws {
        var records = try CallMapping.map(page: Fixtures.records("caresoft-calls", at: "calls"), context: .test(.caresoft))
        records += try CallMapping.map(page: Fixtures.records("omicall-list", at: "payload", "items"), context: .test(.omicall))
        records += try CallMapping.map(page: Fixtures.records("vbot-campaign-getall", at: "data"), context: .test(.vbotCampaign))
        records += try CallMapping.map(page: Fixtures.records("vbot-crm-getall", at: "data"), context: .test(.vbotCRM))
        records += try CallMapping.map(page: Fixtures.records("icsoc-search", at: "data", "results"), context: .test(.icsoc))
        #expect(records.count == 7)
        for mapped in records {
            let decoded = try CallRecord(json: JSONParser.parse(mapped.record.jsonText(includeRaw: true)))
            #expect(decoded == mapped.record, "\(mapped.record.provider.rawValue) \(mapped.record.id)")
        }
    }

    @Test func readingBackRejectsForeignDocuments() throws {
        #expect(throws: CallRecord.DecodingError(field: "provider", problem: #"unknown value "skype""#)) {
            try CallRecord(json: ["account": "a", "provider": "skype", "id": "1"])
        }
        #expect(throws: CallRecord.DecodingError(field: "id", problem: "missing")) {
            try CallRecord(json: ["account": "a", "provider": "icsoc"])
        }
        var text = full.jsonText()
        text = text.replacingOccurrences(of: "2022-11-04T07:36:55Z", with: "yesterday")
        #expect(throws: CallRecord.DecodingError.self) { try CallRecord(json: JSONParser.parse(text)) }
    }
}
