import CallScopeTestSupport
import CustomDump
import Testing

@testable import CallScopeKit

@Suite("VBot sample responses")
struct VBotSampleTests {
    @Test func campaignRecordsMapFieldByField() throws {
        let records = try Fixtures.records("vbot-campaign-getall", at: "data")
        #expect(records.count == 2)
        for raw in records {
            let mapped = VBotCampaignMapping.map(raw, context: .test(.vbotCampaign))
            expectNoDifference(
                mapped.record,
                CallRecord(
                    account: "acct-vbot-campaign", provider: .vbotCampaign, id: "sample string 24",
                    direction: .outbound, from: "sample string 3", to: "sample string 1",
                    agent: "sample string 3", agentName: "sample string 1", customerName: "sample string 2",
                    startedAt: utc("1970-01-01T00:00:22Z"), answeredAt: utc("1970-01-01T00:00:13Z"),
                    endedAt: utc("1970-01-01T00:00:14Z"), talkSeconds: 5, durationSeconds: 4,
                    disposition: .unknown, providerStatus: "sample string 7", cost: 10.1,
                    campaign: "sample string 16", annotationSource: .local, raw: raw))
            #expect(mapped.warningFields == ["disposition"], "the sample's disposition is not a VBot word")
        }
    }

    @Test func crmRecordsOfBothListEndpointsMapFieldByField() throws {
        for fixture in ["vbot-crm-getall", "vbot-crm-getall-by-time"] {
            let records = try Fixtures.records(fixture, at: "data")
            #expect(records.count == 1)
            let mapped = VBotCRMMapping.map(records[0], context: .test(.vbotCRM))
            expectNoDifference(
                mapped.record,
                CallRecord(
                    account: "acct-vbot-crm", provider: .vbotCRM, id: "sample string 6", direction: .unknown,
                    from: "sample string 1", to: "sample string 1", agent: "sample string 9",
                    startedAt: utc("2026-02-27T07:33:47Z"), durationSeconds: nil,
                    disposition: .unknown, providerStatus: "sample string 7", recordingURL: "sample string 1",
                    annotationSource: .local, raw: records[0]))
            #expect(mapped.warningFields.sorted() == ["disposition", "duration_call", "type_call"])
        }
    }

    @Test(arguments: [
        ("answer", Disposition.answered), ("SomeoneAnswered", .answered), ("botivr", .answered),
        ("misscall", .missed), ("noanswer", .missed), ("CANCEL", .missed), ("more", .missed), ("dontcall", .missed),
        ("busy", .busy),
        ("congestion", .failed), ("chanunavail", .failed), ("torture", .failed), ("invalidargs", .failed), ("logout", .failed),
    ])
    func dispositionTableIsSharedByBothAPIs(word: String, expected: Disposition) {
        let campaign = VBotCampaignMapping.map(["trans_id": "t", "disposition": .string(word)], context: .test(.vbotCampaign))
        let crm = VBotCRMMapping.map(["group_id": "g", "disposition": .string(word)], context: .test(.vbotCRM))
        #expect(campaign.record.disposition == expected)
        #expect(crm.record.disposition == expected)
        #expect(campaign.record.providerStatus == word && crm.record.providerStatus == word)
        #expect(campaign.warnings.isEmpty && crm.warnings.isEmpty)
    }

    @Test(arguments: [
        (JSONValue.number("1"), Direction.inbound), (.string("1"), .inbound), (.string("in"), .inbound), (.string("Inbound"), .inbound),
        (.number("2"), .outbound), (.string("out"), .outbound), (.string("OUTBOUND"), .outbound),
    ])
    func crmTypeCallVariants(typeCall: JSONValue, expected: Direction) {
        let mapped = VBotCRMMapping.map(["group_id": "g", "type_call": typeCall], context: .test(.vbotCRM))
        #expect(mapped.record.direction == expected)
        #expect(mapped.warnings.isEmpty)
    }

    @Test func crmIdFallsBackToExternalIdThenToAStableHash() {
        let context = MappingContext.test(.vbotCRM)
        #expect(VBotCRMMapping.map(["group_id": "", "external_call_id": "ext-9"], context: context).record.id == "ext-9")
        let anonymous: JSONValue = ["group_id": nil, "duration_call": "12"]
        let first = VBotCRMMapping.map(anonymous, context: context)
        let second = VBotCRMMapping.map(anonymous, context: context)
        #expect(first.record.id == "hash-" + anonymous.stableHashHex)
        #expect(first.record.id == second.record.id)
        #expect(first.record.id != VBotCRMMapping.map(["duration_call": "13"], context: context).record.id)
        #expect(first.warningFields == ["group_id, external_call_id"])
        #expect(first.record.durationSeconds == 12, "duration_call is sent as a string")
    }

    @Test func crmAgentIsTheFirstLegWithAMemberNumber() {
        let raw: JSONValue = [
            "group_id": "g",
            "caller": [["phone": "0901", "member_no": ""]],
            "callee": [["phone": "0902"], ["phone": "0903", "member_no": 104]],
        ]
        let record = VBotCRMMapping.map(raw, context: .test(.vbotCRM)).record
        #expect(record.agent == "104")
        #expect(record.from == "0901")
        #expect(record.to == "0902")
    }
}
