import CallScopeKit
import CallScopeStore
import Foundation
import PostgresTestSupport
import Testing
@testable import CallScopePostgres

/// A server of its own: the test restarts it.
@Suite(.throwawayPostgres)
struct ReconnectTests {
    @Test func theStoreAndItsListenersCarryOnAfterTheDatabaseRestarts() async throws {
        let server = try ThrowawayPostgres.server
        try await withTeamStore { store, _ in
            try await store.ingest([teamCall("before")])
            var changes = try #require(store.changes()).makeAsyncIterator()
            #expect(await changes.next() == .listening)
            try await server.restart()
            // Every pooled connection was cut: the next use connects again.
            try await store.ingest([teamCall("after", start: 1_790_000_100)])
            #expect(try await store.page(StoreQuery(account: "cs"), limit: 10).records.map(\.id) == ["after", "before"])
            // The listener says it lost the database, then listens again.
            guard case .lost(let reason)? = await changes.next() else { Issue.record("no loss reported"); return }
            #expect(reason.contains("[store]") || reason.contains("closed"))
            var next = await changes.next()
            while case .lost? = next { next = await changes.next() }
            #expect(next == .listening)
            try await store.ingest([teamCall("later", start: 1_790_000_200)])
            #expect(await changes.next() == .calls(account: "cs"))
        }
    }
}
