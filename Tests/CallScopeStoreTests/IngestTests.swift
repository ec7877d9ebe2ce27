import CallScopeKit
import Foundation
import GRDB
import PostgresTestSupport
import Testing
@testable import CallScopeStore

@Suite("Upserting calls by (account, id)", .throwawayPostgres) struct IngestTests {
    @Test(arguments: StoreBackend.allCases) func aRecordReadsBackAsItWasStored(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            // provider text can hold any control character, NUL included
            let record = sampleCall("x1", customer: "Nguyễn\u{0} Văn Đức\u{1B}[31m", note: "gọi lại\u{0}‮txt.exe", tags: ["vip", "dongy"],
                                    campaign: "10008/13")
            var bare = sampleCall("x2", start: nil, from: nil, to: nil, agent: nil, agentName: nil)
            bare.cost = nil
            bare.talkSeconds = nil
            try await store.ingest([record, bare])
            #expect(try await store.call(account: "cs", id: "x1") == record)
            #expect(try await store.call(account: "cs", id: "x2") == bare)
        }
    }

    @Test(arguments: StoreBackend.allCases) func notesKeepEveryCharacterTyped(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.ingest([sampleCall("local"), sampleCall("remote", account: "omi", provider: .omicall)])
            try await store.saveLocalAnnotation(account: "cs", id: "local", note: "a\u{0}b", tags: ["x\u{0}y"])
            _ = try await store.enqueueEdit(account: "omi", id: "remote", note: "c\u{0}d", tags: [])
            #expect(try await store.call(account: "cs", id: "local")?.note == "a\u{0}b")
            #expect(try await store.call(account: "cs", id: "local")?.tags == ["x\u{0}y"])
            #expect(try await store.call(account: "omi", id: "remote")?.note == "c\u{0}d")
            #expect(try await store.pendingEdits().map(\.note) == ["c\u{0}d"])
        }
    }

    @Test(arguments: StoreBackend.allCases) func upsertingAgainKeepsOneRowAndTheIndexInStep(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let calls = (0..<3).map { sampleCall("c\($0)", start: Int64($0) * 60, customer: "Trần Thị Hồng") }
            try await store.ingest(calls)
            try await store.ingest(calls)
            #expect(try await rowCount(store) == 3)
            try await checkIndex(store)

            // the provider changed a call: the row is replaced, the index follows
            var changed = calls[1]
            changed.customerName = "Lê Minh Tuấn"
            changed.disposition = .missed
            try await store.ingest([changed])
            #expect(try await rowCount(store) == 3)
            #expect(try await store.call(account: "cs", id: "c1") == changed)
            #expect(try await ids(store, text: "tuan") == ["c1"])
            #expect(try await ids(store, text: "hong") == ["c2", "c0"])
            try await checkIndex(store)
        }
    }

    @Test(arguments: StoreBackend.allCases) func theSameIdInTwoAccountsIsTwoCalls(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.ingest([sampleCall("same", account: "a"), sampleCall("same", account: "b", customer: "B")])
            #expect(try await rowCount(store) == 2)
            #expect(try await store.call(account: "b", id: "same")?.customerName == "B")
            #expect(try await store.call(account: "a", id: "same")?.customerName == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases) func tagsSeenAreRemembered(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.ingest([sampleCall("a", tags: ["vip", "dongy"]), sampleCall("b", tags: ["vip"])])
            #expect(try await store.knownTags(account: "cs") == ["dongy", "vip"])
            #expect(try await store.knownTags(account: "other").isEmpty)
        }
    }

    private func rowCount(_ store: any CallStoring) async throws -> Int {
        try await storedRows(store)
    }

    private func ids(_ store: any CallStoring, text: String) async throws -> [String] {
        try await store.page(StoreQuery(account: "cs", text: text)).records.map(\.id)
    }
}

/// FTS5's own check that the index holds exactly the content table's text (the SQLite store's;
/// the team store's trigram index is PostgreSQL's to keep).
func checkIndex(_ store: any CallStoring) async throws {
    guard let store = store as? CallStore else { return }
    try await store.pool.write { db in
        try db.execute(sql: "INSERT INTO call_search (call_search, rank) VALUES ('integrity-check', 1)")
    }
}
