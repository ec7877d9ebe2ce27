import CallScopeKit
import Foundation
import GRDB
import Testing
@testable import CallScopeStore

@Suite("Upserting calls by (account, id)") struct IngestTests {
    @Test func aRecordReadsBackAsItWasStored() async throws {
        try await withStore { store in
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

    @Test func notesKeepEveryCharacterTyped() async throws {
        try await withStore { store in
            try await store.ingest([sampleCall("local"), sampleCall("remote", account: "omi", provider: .omicall)])
            try await store.saveLocalAnnotation(account: "cs", id: "local", note: "a\u{0}b", tags: ["x\u{0}y"])
            _ = try await store.enqueueEdit(account: "omi", id: "remote", note: "c\u{0}d", tags: [])
            #expect(try await store.call(account: "cs", id: "local")?.note == "a\u{0}b")
            #expect(try await store.call(account: "cs", id: "local")?.tags == ["x\u{0}y"])
            #expect(try await store.call(account: "omi", id: "remote")?.note == "c\u{0}d")
            #expect(try await store.pendingEdits().map(\.note) == ["c\u{0}d"])
        }
    }

    @Test func upsertingAgainKeepsOneRowAndTheIndexInStep() async throws {
        try await withStore { store in
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

    @Test func theSameIdInTwoAccountsIsTwoCalls() async throws {
        try await withStore { store in
            try await store.ingest([sampleCall("same", account: "a"), sampleCall("same", account: "b", customer: "B")])
            #expect(try await rowCount(store) == 2)
            #expect(try await store.call(account: "b", id: "same")?.customerName == "B")
            #expect(try await store.call(account: "a", id: "same")?.customerName == nil)
        }
    }

    @Test func tagsSeenAreRemembered() async throws {
        try await withStore { store in
            try await store.ingest([sampleCall("a", tags: ["vip", "dongy"]), sampleCall("b", tags: ["vip"])])
            #expect(try await store.knownTags(account: "cs") == ["dongy", "vip"])
            #expect(try await store.knownTags(account: "other").isEmpty)
        }
    }

    private func rowCount(_ store: CallStore) async throws -> Int {
        try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM calls") ?? -1 }
    }

    private func ids(_ store: CallStore, text: String) async throws -> [String] {
        try await store.page(StoreQuery(account: "cs", text: text)).records.map(\.id)
    }
}

/// FTS5's own check that the index holds exactly the content table's text.
func checkIndex(_ store: CallStore) async throws {
    try await store.pool.write { db in
        try db.execute(sql: "INSERT INTO call_search (call_search, rank) VALUES ('integrity-check', 1)")
    }
}
