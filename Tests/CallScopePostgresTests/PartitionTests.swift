import CallScopeKit
import CallScopeStore
import Foundation
import PostgresTestSupport
import Testing
@testable import CallScopePostgres

@Suite(.throwawayPostgres)
struct PartitionTests {
    /// 2026-01-15, 2026-03-31T23:59:59Z, 2026-04-01T00:00:00Z.
    static let january: Int64 = 1_768_435_200, endOfMarch: Int64 = 1_775_001_599, april: Int64 = 1_775_001_600

    @Test func eachMonthWrittenGetsItsPartitionAndUndatedCallsTheDefault() async throws {
        try await withTeamStore { store, _ in
            try await store.ingest([teamCall("jan", start: Self.january), teamCall("mar", start: Self.endOfMarch),
                                    teamCall("apr", start: Self.april), teamCall("none", start: nil)])
            let partitions = try await column(store, """
                SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'calls'::regclass ORDER BY 1
                """)
            #expect(partitions == ["calls_undated", "calls_y2026m01", "calls_y2026m03", "calls_y2026m04"])
            #expect(try await column(store, "SELECT id FROM calls_y2026m03") == ["mar"])
            #expect(try await column(store, "SELECT id FROM calls_y2026m04") == ["apr"])
            #expect(try await column(store, "SELECT id FROM calls_undated") == ["none"])
            #expect(try await store.call(account: "cs", id: "none")?.startedAt == nil)
        }
    }

    @Test func droppingOldMonthsRemovesTheirCallsAndTheMonthCanBeWrittenAgain() async throws {
        try await withTeamStore { store, _ in
            try await store.ingest([teamCall("jan", start: Self.january), teamCall("mar", start: Self.endOfMarch)])
            let dropped = try await store.dropMonths(endingBy: Date(timeIntervalSince1970: TimeInterval(Self.endOfMarch)))
            #expect(dropped == ["calls_y2026m01"])
            #expect(try await store.call(account: "cs", id: "jan") == nil)
            #expect(try await store.count(StoreQuery(account: "cs")) == 1)
            #expect(try await column(store, "SELECT id FROM call_keys") == ["mar"])
            // The month can be written again: its partition is made anew.
            try await store.ingest([teamCall("jan", start: Self.january)])
            #expect(try await store.call(account: "cs", id: "jan")?.id == "jan")
        }
    }

    @Test func aStoreThatMissedADropRecreatesTheMonth() async throws {
        try await withTeamStore { first, settings in
            let second = try await PostgresCallStore(settings: settings)
            defer { second.close() }
            try await second.ingest([teamCall("a", start: Self.january)])
            try await first.dropMonths(endingBy: Date(timeIntervalSince1970: TimeInterval(Self.april)))
            // `second` still remembers January's partition: its write lands on the default
            // partition's check, and it makes the month again.
            try await second.ingest([teamCall("b", start: Self.january)])
            #expect(try await first.count(StoreQuery(account: "cs")) == 1)
            #expect(try await column(first, "SELECT id FROM calls_y2026m01") == ["b"])
        }
    }
}
