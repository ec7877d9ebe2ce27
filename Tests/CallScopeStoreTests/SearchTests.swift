import CallScopeKit
import Foundation
import PostgresTestSupport
import Testing
@testable import CallScopeStore

@Suite("Full-text search over numbers, names, notes and tags", .throwawayPostgres) struct SearchTests {
    let calls = [
        sampleCall("vn1", start: 10, from: "84901774143", customer: "Nguyễn Văn Đức"),
        sampleCall("vn2", start: 20, from: "0868887835", agentName: "Trần Thị Hồng", customer: "Lê Dục"),
        sampleCall("vn3", start: 30, from: "0912345678", customer: "Phạm Minh", note: "Khách hỏi về khuyến mãi", tags: ["vip"]),
        sampleCall("cn1", start: 40, from: "13800138000", customer: "王伟", campaign: "广东省深圳市"),
        sampleCall("cn2", start: 50, from: "13900139000", customer: "李娜", campaign: "北京市朝阳区"),
    ]

    func search(_ text: String, account: String = "cs", in store: any CallStoring) async throws -> [String] {
        try await allPages(store, StoreQuery(account: account, text: text), size: 2)
    }

    @Test(arguments: StoreBackend.allCases) func vietnameseWithoutMarksFindsTheMarkedName(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.ingest(calls)
            // Đức and Dục alike: diacritics are not typed
            #expect(try await search("duc", in: store) == ["vn2", "vn1"])
            #expect(try await search("van duc", in: store) == ["vn1"])
            #expect(try await search("nguyen", in: store) == ["vn1"])
            #expect(try await search("NGUYỄN van", in: store) == ["vn1"])
            #expect(try await search("Đức", in: store) == ["vn2", "vn1"])
            #expect(try await search("hong", in: store) == ["vn2"])
            #expect(try await search("khuyen mai", in: store) == ["vn3"])
            #expect(try await search("vip", in: store) == ["vn3"])
            #expect(try await search("nobody", in: store).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases) func chineseByAnySubstring(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.ingest(calls)
            #expect(try await search("深圳", in: store) == ["cn1"])
            #expect(try await search("深圳市", in: store) == ["cn1"])
            #expect(try await search("朝阳", in: store) == ["cn2"])
            #expect(try await search("市", in: store) == ["cn2", "cn1"])
            #expect(try await search("王伟", in: store) == ["cn1"])
            #expect(try await search("上海", in: store).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases) func numbersByAnyPartAndEitherWriting(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.ingest(calls)
            #expect(try await search("0901774143", in: store) == ["vn1"])
            #expect(try await search("+84 901", in: store) == ["vn1"])
            #expect(try await search("774143", in: store) == ["vn1"])
            #expect(try await search("138001", in: store) == ["cn1"])
        }
    }

    @Test(arguments: StoreBackend.allCases) func onlyTheAccountsCallsAndTheOtherFiltersApply(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.ingest(calls + [sampleCall("other", account: "omi", provider: .omicall, customer: "Nguyễn Đức")])
            #expect(try await search("duc", account: "omi", in: store) == ["other"])
            var query = StoreQuery(account: "cs", text: "1")
            query.from = Date(timeIntervalSince1970: 1_790_000_035)
            query.to = .distantFuture
            #expect(try await allPages(store, query, size: 10) == ["cn2", "cn1"])
        }
    }

    /// A search matching many calls walks the list's index; one matching few reads them by key:
    /// both answer alike.
    @Test(arguments: StoreBackend.allCases) func manyMatchesAndFewMatchesPageAlike(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            // half the calls match a name, more than `fewMatches`; one in a hundred (odd ones) a note
            let many = 2 * StoreSQL.fewMatches + 100
            let names = ["Nguyễn Văn An", "Trần Văn Đức"]
            let calls = (0..<many).map { n in
                sampleCall("m\(n)", start: Int64(n % 700), customer: names[n % 2], note: n % 100 == 7 ? "gọi lại" : nil)
            }
            try await store.ingest(calls)
            for (text, matching) in [("nguyen", { $0.customerName == names[0] }), ("van duc", { $0.customerName == names[1] }),
                                     ("van", { _ in true }), ("goi lai", { $0.note != nil }),
                                     ("duc goi", { $0.note != nil }), ("nguyen goi", { _ in false })]
                as [(String, (CallRecord) -> Bool)] {
                let expected = calls.filter(matching).sorted(by: newestFirst).map(\.id)
                #expect(try await allPages(store, StoreQuery(account: "cs", text: text), size: 97) == expected, "\(text)")
                #expect(try await store.count(StoreQuery(account: "cs", text: text)) == expected.count, "\(text)")
            }
            let few = calls.filter { $0.startedAt == calls[5].startedAt && $0.customerName == names[1] }.sorted(by: newestFirst).map(\.id)
            let query = StoreQuery(account: "cs", from: calls[5].startedAt, to: calls[5].startedAt, text: "duc")
            #expect(try await allPages(store, query, size: 1) == few)
        }
    }

    @Test(arguments: StoreBackend.allCases) func aLocalNoteIsSearchableAndAChangedOneIsNotFoundByItsOldText(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.ingest(calls)
            try await store.saveLocalAnnotation(account: "cs", id: "vn2", note: "Hẹn gọi lại thứ Hai", tags: ["gọi lại"])
            #expect(try await search("hen goi", in: store) == ["vn2"])
            #expect(try await search("goi lai", in: store) == ["vn2"])
            try await store.saveLocalAnnotation(account: "cs", id: "vn2", note: "Đã xong", tags: [])
            #expect(try await search("hen goi", in: store).isEmpty)
            #expect(try await search("da xong", in: store) == ["vn2"])
            try await checkIndex(store)
        }
    }
}
