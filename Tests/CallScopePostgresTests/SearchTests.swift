import CallScopeKit
import CallScopeStore
import Foundation
import PostgresNIO
import PostgresTestSupport
import Testing
@testable import CallScopePostgres

@Suite(.throwawayPostgres)
struct TeamSearchTests {
    static let calls = [
        teamCall("vn", start: 1_790_000_003, customer: "Nguyễn Văn Đức"),
        teamCall("cn", start: 1_790_000_002, from: "13800138000", customer: "广东省深圳市 王先生"),
        teamCall("note", start: 1_790_000_001, note: "khách hẹn gọi lại 50%_off"),
        teamCall("plain", start: 1_790_000_000, from: "0987654321", agentName: "Lan"),
    ]

    func ids(_ store: PostgresCallStore, _ text: String) async throws -> [String] {
        try await store.page(StoreQuery(account: "cs", text: text), limit: 10).records.map(\.id)
    }

    @Test func searchFoldsCaseAndDiacriticsAndFindsSubstrings() async throws {
        try await withTeamStore { store, _ in
            try await store.ingest(Self.calls)
            #expect(try await ids(store, "duc") == ["vn"])
            #expect(try await ids(store, "NGUYEN duc") == ["vn"])
            #expect(try await ids(store, "深圳") == ["cn"])
            #expect(try await ids(store, "深") == ["cn"])
            #expect(try await ids(store, "东省深圳市") == ["cn"])
            #expect(try await ids(store, "goi lai") == ["note"])
            #expect(try await ids(store, "50%_") == ["note"])
            #expect(try await ids(store, "%") == ["note"])
            #expect(try await ids(store, "987654") == ["plain"])
            #expect(try await ids(store, "duc lan").isEmpty)
            #expect(try await store.count(StoreQuery(account: "cs", text: "tien")) == 3)
        }
    }

    @Test func aNoteAddedLaterIsFoundAndTheIndexServesTheSearch() async throws {
        try await withTeamStore { store, _ in
            try await store.ingest(Self.calls)
            try await store.saveLocalAnnotation(account: "cs", id: "plain", note: "Khiếu nại", tags: ["Ưu tiên"])
            #expect(try await ids(store, "khieu nai") == ["plain"])
            #expect(try await ids(store, "uu tien") == ["plain"])
            // The tables are tiny, so forbid the scan of every row that would be cheaper here.
            let plan = try await store.database.withConnection { connection in
                try await connection.query("SET enable_seqscan = off", logger: store.database.logger)
                var lines: [String] = []
                for try await line in try await connection.query("EXPLAIN SELECT id FROM calls c WHERE c.search_text LIKE '%nguyen%'",
                                                                 logger: store.database.logger).decode(String.self) { lines.append(line) }
                try await connection.query("RESET enable_seqscan", logger: store.database.logger)
                return lines
            }
            #expect(plan.contains { $0.contains("Bitmap Index Scan") && $0.contains("search_text") }, "\(plan)")
        }
    }
}
