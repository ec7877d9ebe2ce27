import CallScopeKit
import Foundation
import GRDB
import GRDBSQLite
import PostgresTestSupport
import Testing
@testable import CallScopeStore

/// The list ordered by any column (the TUI's `s`), both ways, on both stores: keyset pages equal
/// the calls sorted in memory; a count after a cursor is its position; a window read anywhere.
@Suite("Sorted keyset pages, positions and windows", .throwawayPostgres) struct SortedPagingTests {
    /// Calls with repeated values in every column, a missing number, agent and talk time here
    /// and there, Vietnamese and Chinese text, a few outside the range.
    static let calls: [CallRecord] = (0..<400).map { n in
        var call = sampleCall(String(format: "s%03d", n), start: Int64((n * 37) % 400 * 10), from: n % 9 == 0 ? nil : "09\(100 + n % 23)",
                              to: ["1900", "1066", "深圳热线", "Đức"][n % 4], agent: n % 7 == 0 ? nil : "\(1000 + n % 5)",
                              agentName: n % 11 == 0 ? nil : ["Tiến", "Ánh", "陈大文"][n % 3],
                              direction: [.inbound, .outbound, .internal][n % 3], disposition: [.answered, .missed, .busy, .failed][n % 4])
        call.talkSeconds = n % 6 == 0 ? nil : (n * 13) % 90
        return call
    }

    static let range = StoreQuery(account: "cs", from: Date(timeIntervalSince1970: 1_790_000_100), to: Date(timeIntervalSince1970: 1_790_003_500),
                                  includeRaw: false)

    static func sorted(_ sort: StoreSort, _ order: StoreQuery.Order) -> [String] {
        let inRange = calls.filter { $0.startedAt! >= range.from! && $0.startedAt! <= range.to! }
        func rank(_ key: StoreSortKey?) -> [Int64] {
            switch key {
            case .text(let text)?: text.utf8.map(Int64.init)
            case .bytes(let bytes)?: bytes.map(Int64.init)
            case .integer(let value)?: [value]
            case nil: []
            }
        }
        let ascending = order == .oldestFirst
        return inRange.sorted { a, b in
            let left = rank(sort.key(of: a)), right = rank(sort.key(of: b))
            if left != right { return ascending ? left.lexicographicallyPrecedes(right) : right.lexicographicallyPrecedes(left) }
            if a.startedAt != b.startedAt { return ascending ? a.startedAt! < b.startedAt! : a.startedAt! > b.startedAt! }
            return ascending ? a.id < b.id : a.id > b.id
        }.map(\.id)
    }

    @Test(arguments: StoreBackend.allCases) func pagesInEveryOrderEqualTheCallsSortedInMemory(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.ingest(Self.calls.shuffled())
            for sort in StoreSort.allCases {
                for order in [StoreQuery.Order.newestFirst, .oldestFirst] {
                    var query = Self.range
                    query.sort = sort
                    query.order = order
                    let expected = Self.sorted(sort, order)
                    #expect(expected.count == 341)
                    for size in [1, 7, 50] {
                        #expect(try await allPages(store, query, size: size) == expected, "\(sort) \(order) page size \(size)")
                    }
                    // A call's position is the count of the calls after it in the other direction.
                    for index in [0, 1, 170, 339, 340] {
                        let call = try #require(Self.calls.first { $0.id == expected[index] })
                        #expect(try await store.count(query.reversed, after: StoreCursor(after: call, sort: sort)) == index, "\(sort) \(order) #\(index)")
                        #expect(try await store.count(query, after: StoreCursor(after: call, sort: sort)) == expected.count - index - 1)
                    }
                }
            }
        }
    }

    @Test(arguments: StoreBackend.allCases) func windowsAtTheTopTheBottomAroundACallAndAtAFind(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.ingest(Self.calls)
            var query = Self.range
            query.sort = .agent
            let expected = Self.sorted(.agent, .newestFirst)
            let top = try await store.window(query, at: .top, limit: 50, count: true)
            #expect(top.rows.map(\.id) == Array(expected.prefix(50)) && top.firstIndex == 0 && top.total == 341)
            let bottom = try await store.window(query, at: .bottom, limit: 50, count: true)
            #expect(bottom.rows.map(\.id) == Array(expected.suffix(50)) && bottom.firstIndex == 291 && bottom.total == 341)
            // Without the count (the reader knows it), no index either.
            let known = try await store.window(query, at: .bottom, limit: 50, count: false)
            #expect(known.rows.map(\.id) == Array(expected.suffix(50)) && known.firstIndex == nil && known.total == nil)
            let middle = try #require(Self.calls.first { $0.id == expected[200] })
            let around = try await store.window(query, at: .around(StoreCursor(after: middle, sort: .agent)), limit: 50, count: false)
            #expect(around.firstIndex == 175)
            #expect(around.rows.map(\.id) == Array(expected[175..<225]))
            let next = try await store.window(query, at: .after(StoreCursor(after: middle, sort: .agent)), limit: 10, count: false)
            #expect(next.rows.map(\.id) == Array(expected[201..<211]) && next.firstIndex == nil)
            let before = try await store.window(query, at: .before(StoreCursor(after: middle, sort: .agent)), limit: 10, count: false)
            #expect(before.rows.map(\.id) == Array(expected[190..<200]))
            // Find: the next call after the middle whose text has "深圳", then round the end.
            let matching = expected.enumerated().filter { _, id in Self.calls.first { $0.id == id }!.to == "深圳热线" }.map(\.offset)
            let found = try await store.window(query, at: .find("深圳", from: StoreCursor(after: middle, sort: .agent), forward: true), limit: 50, count: false)
            let after = try #require(matching.first { $0 > 200 })
            #expect(found.found == expected[after] && !found.wrapped)
            #expect(found.firstIndex.map { $0 + found.rows.firstIndex { $0.id == found.found }! } == after)
            let last = try #require(Self.calls.first { $0.id == expected[matching.last!] })
            let round = try await store.window(query, at: .find("深圳", from: StoreCursor(after: last, sort: .agent), forward: true), limit: 50, count: false)
            #expect(round.found == expected[matching[0]] && round.wrapped)
            let backwards = try await store.window(query, at: .find("深圳", from: StoreCursor(after: middle, sort: .agent), forward: false), limit: 50, count: false)
            #expect(backwards.found == expected[try #require(matching.last { $0 < 200 })])
            let none = try await store.window(query, at: .find("no such words", from: nil, forward: true), limit: 50, count: true)
            #expect(none.found == nil && none.rows.isEmpty && none.total == 341)
        }
    }

    /// A sorted page deep in a long list walks the sort column's index from the cursor: it costs
    /// the virtual machine about what the first page does. (A short list is sorted whole.)
    @Test(arguments: [StoreSort.agent, .talk, .from, .direction])
    func aSortedPageFarDownCostsWhatTheFirstDoes(_ sort: StoreSort) async throws {
        try await withSQLiteStore { store in
            try await store.ingest((0..<(StoreSQL.fewToSort + 3000)).map { n in
                var call = sampleCall("c\(n)", start: Int64(n * 10), from: "09\(n % 97)", agent: "\(1000 + n % 61)")
                call.talkSeconds = n % 83
                return call
            })
            var query = StoreQuery(account: "cs", from: Date(timeIntervalSince1970: 1_790_000_005), to: .distantFuture, includeRaw: false)
            query.sort = sort
            let sorted = query
            let walk = try await allPages(store, sorted, size: 100)
            #expect(walk.count == StoreSQL.fewToSort + 2999)
            let far = StoreCursor(after: try #require(try await store.call(account: "cs", id: walk[walk.count - 100])), sort: sort)
            // The steps of every statement the page reads (each stops once the page is full).
            func steps(after cursor: StoreCursor?) async throws -> Int32 {
                try await store.pool.read { db in
                    var steps: Int32 = 0, read = 0
                    for (sql, arguments) in try StoreSQL(sorted, db: db).page(after: cursor, order: sorted.order, sort: sort, limit: 20) where read < 20 {
                        let statement = try db.makeStatement(sql: sql)
                        read += try Row.fetchAll(statement, arguments: arguments).count
                        steps += sqlite3_stmt_status(statement.sqliteStatement, SQLITE_STMTSTATUS_VM_STEP, 0)
                    }
                    return steps
                }
            }
            let first = try await steps(after: nil), farSteps = try await steps(after: far)
            #expect(farSteps <= first * 2, "\(sort): first page \(first) steps, far down \(farSteps)")
            // And it reads the sort's index, not a temporary B-tree.
            let plan = try await store.pool.read { db in
                try StoreSQL(sorted, db: db).page(after: far, order: sorted.order, sort: sort, limit: 20).flatMap { sql, arguments in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
                }
            }
            #expect(plan.contains { $0.contains("calls_sorted_by_\(sort.rawValue)") }, "\(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        }
    }
}
