import Testing

@testable import CallScopeKit

@Suite("Provider dispatch")
struct CallMappingDispatchTests {
    @Test(arguments: [
        (ProviderKind.caresoft, ["call_id": "A"] as JSONValue, "A", AnnotationSource.local),
        (.omicall, ["transaction_id": "B"] as JSONValue, "B", .remote),
        (.vbotCampaign, ["trans_id": "C"] as JSONValue, "C", .local),
        (.vbotCRM, ["group_id": "D"] as JSONValue, "D", .local),
        (.icsoc, ["callId": "E"] as JSONValue, "E", .local),
    ])
    func eachProviderUsesItsOwnMapping(provider: ProviderKind, raw: JSONValue, id: String, source: AnnotationSource) {
        let mapped = CallMapping.map(raw, context: .test(provider))
        #expect(mapped.record.id == id)
        #expect(mapped.record.provider == provider)
        #expect(mapped.record.annotationSource == source)
        #expect(mapped.warnings.isEmpty)
    }

    @Test func mapsAPageInOrder() throws {
        let page = try Fixtures.records("caresoft-calls", at: "calls")
        let mapped = CallMapping.map(page: page, context: .test(.caresoft))
        #expect(mapped.map(\.record.id) == ["20221008233814-LSKMQKWP-43", "20221104143655-LSKMQKWP-268"])
    }

    @Test func providerKindsHaveTheConfigNamesAndDefaultZones() {
        #expect(ProviderKind.allCases.map(\.rawValue) == ["caresoft", "omicall", "vbot-campaign", "vbot-crm", "icsoc"])
        #expect(MappingContext(account: "a", provider: .icsoc).timeZone.identifier == "Asia/Shanghai")
        #expect(MappingContext(account: "a", provider: .vbotCRM).timeZone.identifier == "Asia/Ho_Chi_Minh")
    }
}
