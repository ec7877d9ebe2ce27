import CallScopeKit
import CallScopeStore
import Foundation
import PostgresTestSupport
import Testing
@testable import CallScopePostgres

@Suite(.throwawayPostgres)
struct ChangeFeedTests {
    @Test func aListenerHearsOfCallsAnotherMachineCommits() async throws {
        try await withTeamStore { store, settings in
            let receiver = try await PostgresCallStore(settings: settings)
            defer { receiver.close() }
            var changes = try #require(store.changes()).makeAsyncIterator()
            #expect(await changes.next() == .listening)
            try await receiver.ingest([teamCall("p1", account: "icsoc")])
            #expect(await changes.next() == .calls(account: "icsoc"))
            try await receiver.saveLocalAnnotation(account: "cs", id: "x", note: "n", tags: [])
            #expect(await changes.next() == .calls(account: "cs"))
        }
    }
}
