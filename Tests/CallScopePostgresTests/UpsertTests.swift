import CallScopeKit
import CallScopeStore
import Foundation
import PostgresTestSupport
import Testing
@testable import CallScopePostgres

@Suite(.throwawayPostgres)
struct UpsertTests {
    @Test func aCallComesBackAsItWasStoredControlCharactersAndAll() async throws {
        try await withTeamStore { store, _ in
            let record = teamCall("x1", customer: "Nguyễn\u{0} Văn Đức\u{1B}[31m", note: "gọi lại\u{0}‮txt.exe", tags: ["vip", "x\u{0}y"])
            try await store.ingest([record])
            #expect(try await store.call(account: "cs", id: "x1") == record)
            #expect(try await store.knownTags(account: "cs") == ["vip", "x\u{0}y"])
        }
    }

    @Test func storingTheSameCallsAgainChangesNothingAndTheLatestVersionWins() async throws {
        try await withTeamStore { store, _ in
            let calls = (0..<50).map { teamCall("c\($0)", start: 1_790_000_000 + Int64($0)) }
            try await store.ingest(calls)
            try await store.ingest(calls)
            var changed = calls[7]
            changed.customerName = "Trần Thị Bình"
            // The same call twice in one batch: the later one is kept, as if stored in turn.
            try await store.ingest([calls[7], changed])
            #expect(try await store.count(StoreQuery(account: "cs")) == 50)
            #expect(try await store.call(account: "cs", id: "c7")?.customerName == "Trần Thị Bình")
            #expect(try await column(store, "SELECT count(*)::text FROM call_keys") == ["50"])
        }
    }

    @Test func aCallWhoseStartMovedLeavesItsOldMonth() async throws {
        try await withTeamStore { store, _ in
            try await store.ingest([teamCall("m", start: nil)])
            try await store.ingest([teamCall("m", start: 1_768_435_200)])
            #expect(try await store.count(StoreQuery(account: "cs")) == 1)
            #expect(try await column(store, "SELECT id FROM calls_undated").isEmpty)
            try await store.ingest([teamCall("m", start: 1_790_000_000)])
            #expect(try await column(store, "SELECT started_at::text FROM calls") == ["1790000000"])
        }
    }

    @Test func manyMachinesPushingTheSameCallsAtOnceStoreEachOnce() async throws {
        try await withTeamStore { _, settings in
            // Four receivers on one database, each with its own connections, push overlapping
            // batches in different orders; some calls move to another month meanwhile.
            let stores = try await (0..<4).asyncMap { _ in try await PostgresCallStore(settings: settings) }
            defer { stores.forEach { $0.close() } }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (number, store) in stores.enumerated() {
                    group.addTask {
                        for round in 0..<5 {
                            var calls = (0..<200).map { teamCall("p\($0)", start: 1_790_000_000 + Int64($0) * (round == number ? 86_400 * 40 : 1)) }
                            if number.isMultiple(of: 2) { calls.reverse() }
                            try await store.ingest(calls)
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await stores[0].count(StoreQuery(account: "cs")) == 200)
            #expect(try await column(stores[0], "SELECT count(*)::text FROM calls") == ["200"])
            #expect(try await column(stores[0], "SELECT count(*)::text FROM call_keys") == ["200"])
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
