import Foundation
import PropertyBased
import Testing
@testable import CallScopeKit

/// Every provider's record mapping takes any JSON: objects made of the field names in the
/// provider documents' samples, valued with any JSON type, and values that are no object at all.
/// Each maps to a call of the account, with an id and the object kept as it came; what could
/// not be read is a warning about that call, never a crash.
@Suite("Record mapping properties") struct MappingPropertyTests {
    static let fixtures = [
        "caresoft-calls", "icsoc-push-plain", "icsoc-search", "omicall-list", "omicall-detail",
        "vbot-campaign-getall", "vbot-crm-getall", "vbot-crm-getall-by-time",
    ]

    /// Every key of every object in the documents' samples.
    static func documentedKeys() throws -> [String] {
        func keys(_ value: JSONValue) -> [String] {
            switch value {
            case .object(let members): return members.flatMap { [$0.key] + keys($0.value) }
            case .array(let items): return items.flatMap(keys)
            default: return []
            }
        }
        return Array(Set(try fixtures.flatMap { keys(try Fixtures.json($0)) })).sorted()
    }

    static func expectMapped(_ raw: JSONValue, _ provider: ProviderKind, push: Bool = false) {
        let context = MappingContext.test(provider)
        let mapped = push ? ICSOCMapping.mapPush(raw, context: context) : CallMapping.map(raw, context: context)
        #expect(mapped.record.account == context.account && mapped.record.provider == provider)
        #expect(!mapped.record.id.isEmpty)
        #expect(mapped.record.raw == raw)
        for warning in mapped.warnings { #expect(warning.recordID == mapped.record.id && !warning.field.isEmpty) }
    }

    @Test(arguments: ProviderKind.allCases)
    func anyObjectOfDocumentedFieldsMapsOrWarns(_ provider: ProviderKind) async throws {
        let keys = try Self.documentedKeys()
        #expect(keys.count > 50)
        await propertyCheck(count: 300, input: JSONGen.object(keys: keys)) { raw in
            Self.expectMapped(raw, provider)
            if provider == .icsoc { Self.expectMapped(raw, provider, push: true) }
        }
    }

    @Test(arguments: ProviderKind.allCases)
    func anyValueAtAllMapsOrWarns(_ provider: ProviderKind) async {
        await propertyCheck(count: 200, input: JSONGen.value) { raw in
            Self.expectMapped(raw, provider)
        }
    }
}
