import Foundation
import PropertyBased
import Testing
@testable import CallScopeKit

/// Every provider mapping fed records whose numeric fields hold numbers out of every range
/// (1e300, 9e18, 2^63, negative, milliseconds past 9999, clocks of a billion hours, as numbers or
/// strings): it never traps, keeps the id, and what it keeps is within the bounds, so the writers
/// downstream convert it without a trap either.
@Suite("Out-of-range number properties") struct OutOfRangePropertyTests {
    static let extremes = [
        "1e300", "-1e300", "1e400", "9e18", "-9e18", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "1e19", "-1", "-0.0", "0", "2678401", "253402300800", "253402300800000", "300000000000000", "1e15", "0.5",
    ]
    static let clocks = ["999999999:00:00", "-1:00:00", "744:00:01", "99:99:99", "1:00"]

    /// The key each mapping reads its id from (ICSOC: the search's and the push's).
    static func idKeys(_ provider: ProviderKind) -> [String] {
        switch provider {
        case .caresoft: ["call_id"]
        case .omicall: ["transaction_id"]
        case .vbotCampaign: ["trans_id"]
        case .vbotCRM: ["group_id"]
        case .icsoc: ["callId", "call_id"]
        }
    }

    static func record(keys: [String], idKeys: [String]) -> Generator<(JSONValue, String), Shrink.None<(JSONValue, String)>> {
        Generator { rng in
            var members: [JSONMember] = []
            for key in keys where Int.random(in: 0..<4, using: &rng) == 0 {
                let text = Bool.random(using: &rng) ? extremes.randomElement(using: &rng)! : JSONGen.number(&rng)
                let value: JSONValue = switch Int.random(in: 0..<5, using: &rng) {
                case 0: .string(clocks.randomElement(using: &rng)!)
                case 1, 2: .string(text)
                default: .number(text)
                }
                members.append(JSONMember(key, value))
            }
            let id = "id-\(UInt32.random(in: 0...UInt32.max, using: &rng))"
            // Last: a duplicate key reads as its last member.
            members += idKeys.map { JSONMember($0, .string(id)) }
            return (.object(members), id)
        }
    }

    static func expectBounded(_ mapped: MappedCall, id: String) {
        let r = mapped.record
        #expect(r.id == id)
        #expect(CallBounds.fieldOutOfBounds(in: r) == nil, "\(r)")
        // The writers of `calls` convert every number: no trap, and the id is there.
        #expect(r.jsonText().contains(id))
        var csv: [UInt8] = []
        CSVFormat.appendRow(of: r, includeRaw: true, to: &csv)
        #expect(!csv.isEmpty)
    }

    @Test(arguments: ProviderKind.allCases)
    func outOfRangeNumbersNeverTrapAndKeepTheId(_ provider: ProviderKind) async throws {
        let keys = try MappingPropertyTests.documentedKeys()
        await propertyCheck(count: 400, input: Self.record(keys: keys, idKeys: Self.idKeys(provider))) { input in
            let (raw, id) = input
            let context = MappingContext.test(provider)
            Self.expectBounded(CallMapping.map(raw, context: context), id: id)
            if provider == .icsoc { Self.expectBounded(ICSOCMapping.mapPush(raw, context: context), id: id) }
        }
    }
}
