import CallScopeKit
import Foundation
import PostgresTestSupport
import Testing
@testable import CallScopeStore

/// `store info` and `store prune` on both stores: what goes, what stays, and what the store then
/// says about itself (counts, search, report totals, synced spans).
@Suite("Store upkeep: info and prune", .throwawayPostgres) struct UpkeepTests {
    static let day: Int64 = 86_400
    static let base = Date(timeIntervalSince1970: 1_790_000_000)

    /// 30 CareSoft calls five days apart (145 days, across six months) and 10 OMICall calls ten
    /// days apart, and one CareSoft call without a start.
    static func calls() -> [CallRecord] {
        (0..<30).map { sampleCall("cs-\($0)", start: Int64($0) * 5 * day, customer: "Nguyễn Văn Đức") }
            + (0..<10).map { sampleCall("omi-\($0)", account: "omi", provider: .omicall, start: Int64($0) * 10 * day, customer: "Nguyễn Văn Đức") }
            + [sampleCall("cs-undated", start: nil, customer: "Nguyễn Văn Đức")]
    }

    /// The cut: 60 days after the first call; calls 0–11 of cs (0…55 days) and 0–5 of omi go.
    static let cut = base.addingTimeInterval(TimeInterval(60 * day))

    @Test(arguments: StoreBackend.allCases) func infoCountsEachAccountAndItsSpans(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.ingest(Self.calls())
            try await store.markSynced(account: "cs", DateInterval(start: Self.base, duration: TimeInterval(150 * Self.day)), syncedAt: Self.base)
            let info = try await store.info(account: nil)
            #expect(info.accounts.map(\.account) == ["cs", "omi"])
            let cs = info.accounts[0]
            #expect(cs.calls == 31)
            #expect(cs.oldest == Self.base && cs.newest == Self.base.addingTimeInterval(TimeInterval(145 * Self.day)))
            #expect(cs.spans.count == 1 && cs.spans[0].from == Self.base)
            #expect(info.accounts[1].calls == 10 && info.accounts[1].spans.isEmpty)
            #expect(info.bytes > 0)
            #expect(try await store.info(account: "omi").accounts.map(\.calls) == [10])
            #expect(try await store.info(account: "nobody").accounts.map(\.calls) == [0])
        }
    }

    @Test(arguments: StoreBackend.allCases) func aDryRunCountsAndChangesNothing(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.ingest(Self.calls())
            #expect(try await store.prune(startedBefore: Self.cut, account: nil, dryRun: true) == PruneOutcome(calls: 12 + 6))
            #expect(try await store.prune(startedBefore: Self.cut, account: "omi", dryRun: true) == PruneOutcome(calls: 6))
            #expect(try await store.info(account: nil).calls == 41)
        }
    }

    @Test(arguments: StoreBackend.allCases) func pruneDeletesTheOldCallsTheirNotesAndTheSpansOverThem(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.ingest(Self.calls())
            try await store.markSynced(account: "cs", DateInterval(start: Self.base, duration: TimeInterval(150 * Self.day)), syncedAt: Self.base)
            try await store.markSynced(account: "omi", DateInterval(start: Self.base, duration: TimeInterval(10 * Self.day)), syncedAt: Self.base)
            try await store.saveLocalAnnotation(account: "cs", id: "cs-1", note: "old note", tags: ["old"])
            try await store.saveLocalAnnotation(account: "cs", id: "cs-20", note: "kept note", tags: ["kept"])
            _ = try await store.enqueueEdit(account: "omi", id: "omi-1", note: "still to send", tags: [])

            let outcome = try await store.prune(startedBefore: Self.cut, account: nil, dryRun: false)
            #expect(outcome.calls == 18)
            // The team store drops the months that ended by the cut (September and October 2026) whole.
            #expect(outcome.droppedMonths == (backend == .sqlite ? [] : ["calls_y2026m09", "calls_y2026m10"]))

            #expect(try await store.count(StoreQuery(account: "cs")) == 19, "18 dated and the undated call stay")
            #expect(try await store.count(StoreQuery(account: "omi")) == 4)
            #expect(try await store.call(account: "cs", id: "cs-11") == nil)
            #expect(try await store.call(account: "cs", id: "cs-12") != nil)
            #expect(try await store.call(account: "cs", id: "cs-undated") != nil)
            // Search and the report's running totals follow the rows.
            #expect(try await store.count(StoreQuery(account: "cs", text: "duc")) == 19)
            try await checkIndex(store)
            let range = TimeRange(from: Self.base, to: Self.base.addingTimeInterval(TimeInterval(200 * Self.day)))
            #expect(try await store.report(StoreQuery(account: "cs", from: range.from, to: range.to), range: range, provider: .caresoft).totals.calls == 18)
            // The note of a pruned call is gone; a kept call's note and an edit still to send stay.
            #expect(try await store.call(account: "cs", id: "cs-20")?.note == "kept note")
            #expect(try await store.pendingEdits().map(\.callID) == ["omi-1"])
            // A span no longer claims the pruned part: fetching it asks the provider again.
            let spans = try await store.syncedSpans(account: "cs")
            #expect(spans.count == 1 && spans[0].from == Self.cut)
            #expect(try await store.syncedSpans(account: "omi").isEmpty)
            #expect(try await store.unsyncedIntervals(account: "cs", from: Self.base, to: Self.cut.addingTimeInterval(-1)).count == 1)
            // Again: nothing left to prune.
            #expect(try await store.prune(startedBefore: Self.cut, account: nil, dryRun: false).calls == 0)
        }
    }

    @Test(arguments: StoreBackend.allCases) func oneAccountsPruneLeavesTheOthers(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.ingest(Self.calls())
            #expect(try await store.prune(startedBefore: Self.cut, account: "omi", dryRun: false).calls == 6)
            #expect(try await store.count(StoreQuery(account: "cs")) == 31)
            #expect(try await store.count(StoreQuery(account: "omi")) == 4)
        }
    }

    @Test(arguments: StoreBackend.allCases) func aSyncWithKeepDaysPrunesItsAccount(_ backend: StoreBackend) async throws {
        try await withSandboxAccounts(backend) { sandbox in
            let store = try await sandbox.openStore()
            try await store.ingest(Self.calls())
            let now = Self.base.addingTimeInterval(TimeInterval(100 * Self.day))
            let engine = SyncEngine(provider: try sandbox.client(.caresoft), store: store, keepDays: 60)
            // An hour the sandbox has no call in; then 60 days before `now` is the cut.
            let result = try await engine.sync(CallQuery(from: now.addingTimeInterval(-3600), to: now), now: now)
            #expect(result.pruned == 8, "cs calls 0–7 (0…35 days) are older")
            #expect(try await store.call(account: "cs", id: "cs-7") == nil)
            #expect(try await store.call(account: "cs", id: "cs-8") != nil)
            #expect(try await store.count(StoreQuery(account: "omi")) == 10, "another account's sync prunes omi")
        }
    }
}
