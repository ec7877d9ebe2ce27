import CallScopeKit
import Foundation
import GRDB
import GRDBSQLite
import PostgresTestSupport
import Testing
@testable import CallScopeStore

@Suite("Keyset paging and the CallQuery filters", .throwawayPostgres) struct PagingTests {
    @Test(arguments: StoreBackend.allCases) func pagesWalkTiesInStartTimeWithoutGapsOrRepeats(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            // 30 calls share one start second, between calls before and after it
            let tied = (0..<30).map { sampleCall(String(format: "t%02d", $0), start: 500) }
            let others = (0..<10).map { sampleCall("o\($0)", start: Int64($0 < 5 ? $0 : 1000 + $0)) }
            try await store.ingest((tied + others).shuffled())
            let expected = (tied + others).sorted(by: newestFirst).map(\.id)
            for size in [1, 4, 7, 29, 30, 31, 100] {
                #expect(try await allPages(store, StoreQuery(account: "cs"), size: size) == expected, "page size \(size)")
                #expect(try await allPages(store, StoreQuery(account: "cs", order: .oldestFirst), size: size) == expected.reversed(),
                        "page size \(size), oldest first")
            }
        }
    }

    @Test(arguments: StoreBackend.allCases) func callsWithoutAStartSortLastAndAreInNoRange(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.ingest([sampleCall("nostart", start: nil), sampleCall("a", start: 10), sampleCall("b", start: 20)])
            #expect(try await allPages(store, StoreQuery(account: "cs"), size: 2) == ["b", "a", "nostart"])
            let range = StoreQuery(account: "cs", from: .distantPast, to: .distantFuture)
            #expect(try await allPages(store, range, size: 2) == ["b", "a"])
            #expect(try await allPages(store, StoreQuery(account: "cs", to: .distantFuture), size: 2) == ["b", "a"])
        }
    }

    @Test func theListReadsByTheIndexWithoutSorting() async throws {
        try await withSQLiteStore { store in
            try await store.ingest((0..<50).map { sampleCall("c\($0)", start: Int64($0)) })
            let query = StoreQuery(account: "cs", from: Date(timeIntervalSince1970: 1_790_000_000), to: .distantFuture,
                                   direction: .inbound)
            let (sql, arguments) = try await store.pool.read { db in try StoreSQL(query, db: db) }.page(after: StoreCursor(startedAt: 1_790_000_040, id: "c40"), order: .newestFirst, limit: 10)[0]
            let plan = try await store.pool.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
            }.joined(separator: "\n")
            #expect(plan.contains("calls_by_start"), "\(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
        }
    }

    /// The store answers every combination of filters exactly as `CallQuery.matches` decides on
    /// the same calls, in the order the list shows them.
    @Test(arguments: StoreBackend.allCases) func filtersAnswerAsCallQueryMatches(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            var random = SystemRandomNumberGenerator()
            let numbers = ["0901774143", "84901774143", "0868887835", "1900", "+84 912 345 678"]
            let agents: [(String?, String?)] = [("1444", "Tiến"), ("1001", "Nguyễn Văn Đức"), (nil, nil), ("7", nil)]
            let records = (0..<400).map { n -> CallRecord in
                let agent = agents.randomElement(using: &random)!
                return sampleCall("r\(n)", start: Int64.random(in: 0...5000, using: &random), from: numbers.randomElement(using: &random),
                                  to: numbers.randomElement(using: &random), agent: agent.0, agentName: agent.1,
                                  direction: Direction.allCases.randomElement(using: &random)!,
                                  disposition: Disposition.allCases.randomElement(using: &random)!)
            }
            try await store.ingest(records)
            let base = Date(timeIntervalSince1970: 1_790_000_000)
            let queries: [CallQuery] = [
                CallQuery(from: base, to: base.addingTimeInterval(5000)),
                CallQuery(from: base.addingTimeInterval(1000), to: base.addingTimeInterval(2000)),
                CallQuery(from: base.addingTimeInterval(1000.5), to: base.addingTimeInterval(1999.5)),
                CallQuery(from: base, to: base.addingTimeInterval(5000), phone: "0901774143"),
                CallQuery(from: base, to: base.addingTimeInterval(5000), phone: "912 345"),
                CallQuery(from: base, to: base.addingTimeInterval(5000), agent: "1444"),
                CallQuery(from: base, to: base.addingTimeInterval(5000), agent: "đức"),
                CallQuery(from: base, to: base.addingTimeInterval(3000), phone: "868", agent: "7", direction: .outbound),
                CallQuery(from: base, to: base.addingTimeInterval(5000), direction: .inbound, disposition: .missed),
            ]
            for query in queries {
                let expected = records.filter(query.matches).sorted(by: newestFirst).map(\.id)
                #expect(!expected.isEmpty)
                let stored = StoreQuery(account: "cs", query: query, includeRaw: false)
                #expect(try await allPages(store, stored, size: 13) == expected, "\(query)")
                #expect(try await store.count(stored) == expected.count, "\(query)")
            }
        }
    }

    /// Under a date range, the cursor bounds the index walk: a page at the far end of the range
    /// costs the virtual machine the same steps as the first page (not a walk from the range's
    /// end down to the cursor).
    @Test(arguments: [StoreQuery.Order.newestFirst, .oldestFirst], StoreBackend.allCases)
    func aPageAtTheFarEndOfARangeCostsWhatTheFirstDoes(_ order: StoreQuery.Order, _ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.ingest((0..<3000).map { sampleCall("c\($0)", start: Int64($0 * 10)) })
            let query = StoreQuery(account: "cs", from: Date(timeIntervalSince1970: 1_790_000_005), to: Date(timeIntervalSince1970: 1_790_029_995),
                                   order: order, includeRaw: false)
            let walk = try await allPages(store, query, size: 20)
            #expect(walk.count == 2999)
            let inOrder = (1..<3000).map { "c\($0)" }
            #expect(walk == (order == .newestFirst ? inOrder.reversed() : inOrder))
            // The SQLite store's virtual machine counts its steps; the team store's plan is checked
            // in CallScopePostgresTests.
            guard let store = store as? CallStore else { return }
            let farCursor = StoreCursor(after: try #require(try await store.call(account: "cs", id: walk[2950])))
            func steps(after cursor: StoreCursor?) async throws -> Int32 {
                try await store.pool.read { db in
                    let (sql, arguments) = try StoreSQL(query, db: db).page(after: cursor, order: order, limit: 20)[0]
                    let statement = try db.makeStatement(sql: sql)
                    _ = try Row.fetchAll(statement, arguments: arguments)
                    return sqlite3_stmt_status(statement.sqliteStatement, SQLITE_STMTSTATUS_VM_STEP, 0)
                }
            }
            let first = try await steps(after: nil), far = try await steps(after: farCursor)
            #expect(far <= first * 2, "first page \(first) steps, far end \(far)")
        }
    }

    @Test(arguments: StoreBackend.allCases) func countsAreExactUnderEveryFilter(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let records = (0..<500).map { (n: Int) -> CallRecord in
                let tien = n % 5 == 0
                let from: String = n % 3 == 0 ? "0901774143" : "0868887835"
                let direction: Direction = n % 2 == 0 ? .inbound : .outbound
                let disposition: Disposition = n % 4 == 0 ? .missed : .answered
                return sampleCall("k\(n)", start: Int64(n * 7), from: from, agent: tien ? "1444" : "1001",
                                  agentName: tien ? "Tiến" : "Nguyễn Văn Đức", direction: direction, disposition: disposition)
            }
            try await store.ingest(records)
            let base = Date(timeIntervalSince1970: 1_790_000_000)
            for query in [CallQuery(from: base.addingTimeInterval(100), to: base.addingTimeInterval(2000)),
                          CallQuery(from: base, to: base.addingTimeInterval(3500), phone: "901 774", agent: "đức", direction: .inbound),
                          CallQuery(from: base, to: base.addingTimeInterval(3500), agent: "tiến", disposition: .missed)] {
                #expect(try await store.count(StoreQuery(account: "cs", query: query)) == records.filter(query.matches).count, "\(query)")
            }
        }
    }
}

func newestFirst(_ a: CallRecord, _ b: CallRecord) -> Bool {
    let x = a.startedAt ?? .distantPast, y = b.startedAt ?? .distantPast
    return x != y ? x > y : a.id > b.id
}
