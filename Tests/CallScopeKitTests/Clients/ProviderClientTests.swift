import Foundation
import Testing
@testable import CallScopeKit
@testable import CallScopeSandbox

@Suite("Provider clients against the sandbox") struct ProviderClientTests {
    @Test(arguments: allProviders)
    func aRangeOfSeveralWindowsReturnsExactlyItsCalls(_ provider: ProviderKind) async throws {
        try await withClients(calls: 1200) { f in
            // 70 days: three CareSoft windows, 24 OMICall windows; VBot and ICSOC split by 10 days here.
            let windowDays = [.caresoft, .omicall].contains(provider) ? nil : 10
            let client = try f.client(provider, pageSize: 40, maxWindowDays: windowDays)
            let from = clientAnchor.addingTimeInterval(-days(75)), to = clientAnchor.addingTimeInterval(-days(5))
            let calls = try await client.allCalls(CallQuery(from: from, to: to))
            let ids = calls.map(\.id)
            #expect(Set(ids).count == ids.count, "a call came twice")
            #expect(calls.allSatisfy { $0.startedAt! >= from && $0.startedAt! <= to })
            #expect(calls.count == f.expectedCount(provider, from: from, to: to))
            #expect(calls.count > 100)
            let starts = calls.compactMap(\.startedAt)
            #expect(starts == starts.sorted(by: >), "not newest first")
            #expect(calls.allSatisfy { $0.account == client.account.name && $0.provider == provider })
        }
    }

    @Test(arguments: allProviders)
    func pagingReachesTheLastPageWithTotals(_ provider: ProviderKind) async throws {
        try await withClients(calls: 500) { f in
            let client = try f.client(provider, pageSize: 7)
            let from = clientAnchor.addingTimeInterval(-days(20)), to = clientAnchor
            var pages: [CallPage] = []
            for try await page in client.calls(CallQuery(from: from, to: to)) { pages.append(page) }
            let count = pages.reduce(0) { $0 + $1.records.count }
            #expect(count == f.expectedCount(provider, from: from, to: to))
            #expect(pages.count >= count / 7)
            if client.capabilities.totalCount {
                #expect(pages.last!.total == count && pages.last!.totalIsComplete)
            } else {
                #expect(pages.last!.total == nil)
            }
        }
    }

    /// Each filter, translated for the provider and checked on arrival, gives the same calls as
    /// filtering the whole range by hand.
    @Test(arguments: allProviders)
    func filtersNarrowExactly(_ provider: ProviderKind) async throws {
        try await withClients(calls: 1500) { f in
            let client = try f.client(provider)
            let base = CallQuery(from: clientAnchor.addingTimeInterval(-days(25)), to: clientAnchor)
            let all = try await client.allCalls(base)
            let sample = all.first { $0.disposition == .answered && $0.agent != nil }!
            let customer = sample.direction == .outbound ? sample.to! : sample.from!
            var queries: [CallQuery] = []
            for direction in Set(all.map(\.direction)) { var q = base; q.direction = direction; queries.append(q) }
            for disposition in [Disposition.answered, .missed] { var q = base; q.disposition = disposition; queries.append(q) }
            var byPhone = base; byPhone.phone = customer; queries.append(byPhone)
            var byAgent = base; byAgent.agent = sample.agent; queries.append(byAgent)
            for query in queries {
                let filtered = try await client.allCalls(query)
                let expected = all.filter(query.matches)
                #expect(Set(filtered.map(\.id)) == Set(expected.map(\.id)), "\(provider) \(query)")
                #expect(!filtered.isEmpty, "\(provider) \(query) found nothing")
            }
            #expect(try await client.allCalls(byPhone).count < all.count)
        }
    }

    @Test(arguments: allProviders)
    func oneCallById(_ provider: ProviderKind) async throws {
        try await withClients(calls: 300) { f in
            let client = try f.client(provider)
            let recent = try await client.allCalls(CallQuery(from: clientAnchor.addingTimeInterval(-days(30)), to: clientAnchor, limit: 5))
            #expect(recent.count == 5)
            let found = try await client.call(id: recent[3].id)
            #expect(found.id == recent[3].id && found.startedAt == recent[3].startedAt)
            await #expect(throws: CallScopeError.self) { try await client.call(id: "no-such-call") }
        }
    }

    @Test func limitStopsTheFetch() async throws {
        try await withClients { f in
            let calls = try await f.client(.caresoft, pageSize: 10).allCalls(CallQuery(from: clientAnchor.addingTimeInterval(-days(60)), to: clientAnchor, limit: 25))
            #expect(calls.count == 25)
        }
    }

    @Test func omicallNotesAndTagsAreWrittenBack() async throws {
        try await withClients { f in
            let client = try f.client(.omicall)
            #expect(client.capabilities.remoteAnnotations)
            let call = try await client.allCalls(CallQuery(from: clientAnchor.addingTimeInterval(-days(3)), to: clientAnchor, limit: 3))[2]
            let note = "Khách hẹn gọi lại \u{1B}[31m lúc 15h"
            let updated = try await client.annotate(id: call.id, note: note, tags: ["vip", "gọi lại"])
            #expect(updated.note == note && updated.tags == ["vip", "gọi lại"] && updated.annotationSource == .remote)
            let again = try await client.call(id: call.id)
            #expect(again.note == note && again.tags == ["vip", "gọi lại"])
            let careSoft = try f.client(.caresoft)
            await #expect(throws: CallScopeError.self) { try await careSoft.annotate(id: "x", note: "n", tags: []) }
        }
    }
}
