import CallScopeKit
import Foundation
import Synchronization
import PostgresTestSupport
import Testing
@testable import CallScopeStore

@Suite("The sync engine: only what the store lacks, bounded, spans marked only when complete", .throwawayPostgres)
struct SyncEngineTests {
    /// The last 30 days of one provider, pages of 10 (many pages per request window).
    func smallPages(_ sandbox: SandboxAccounts, _ provider: ProviderKind, store: any CallStoring) throws -> SyncEngine {
        var account = sandbox.account(provider)
        account.pageSize = 10
        return SyncEngine(provider: try ProviderClients.make(account, tokenCache: sandbox.tokenCache), store: store)
    }

    func month(ending now: Date) -> CallQuery { CallQuery(from: now.addingTimeInterval(-30 * 86400), to: now) }

    func storedIDs(_ store: any CallStoring, _ account: AccountConfig, _ query: CallQuery) async throws -> [String] {
        try await allPages(store, StoreQuery(account: account.name, query: query, includeRaw: false), size: 100)
    }

    @Test(arguments: [ProviderKind.caresoft, .omicall, .icsoc, .vbotCRM], StoreBackend.allCases)
    func aSyncedRangeIsFetchedAgainOnlyInItsNewestPart(_ provider: ProviderKind, _ backend: StoreBackend) async throws {
        try await withSandboxAccounts(backend) { sandbox in
            let store = try await sandbox.openStore()
            let engine = try smallPages(sandbox, provider, store: store)
            let account = sandbox.account(provider)
            let listPath = Self.listPath[provider]!
            let now = Date()
            let query = month(ending: now)

            let first = try await engine.sync(query, now: now)
            let firstRequests = sandbox.sandbox.requests(containing: listPath)
            let expected = try await sandbox.client(provider).allCalls(query).sorted(by: newestFirst).map(\.id)
            #expect(expected.count > 20)
            #expect(first.calls == expected.count)
            #expect(try await storedIDs(store, account, query) == expected)
            #expect(firstRequests > 3, "pages of 10 over \(expected.count) calls")
            let spans = try await store.syncedSpans(account: account.name)
            #expect(spans.count == 1)
            #expect(spans.first?.from == query.from.flooredToWholeSecond)
            #expect(spans.first?.to == now.addingTimeInterval(-engine.settlingTime).flooredToWholeSecond)

            // Again a minute later: only the last hour and a minute is asked for, once.
            let before = sandbox.sandbox.requests(containing: listPath)
            let second = try await engine.sync(query, now: now.addingTimeInterval(60))
            #expect(second.fetched.count == 1)
            let fetched = try #require(second.fetched.first)
            #expect(fetched.start == now.addingTimeInterval(-engine.settlingTime + 1).flooredToWholeSecond)
            #expect(fetched.end == query.to)
            #expect(sandbox.sandbox.requests(containing: listPath) - before < firstRequests)

            // An older part of the range: nothing at all.
            let older = CallQuery(from: query.from.addingTimeInterval(86400), to: query.from.addingTimeInterval(10 * 86400))
            let none = sandbox.sandbox.requests(containing: listPath)
            let third = try await engine.sync(older, now: now)
            #expect(third.fetched.isEmpty)
            #expect(sandbox.sandbox.requests(containing: listPath) == none)
        }
    }

    static let listPath: [ProviderKind: String] = [
        .caresoft: "/api/v1/calls", .omicall: "call_transaction/list", .icsoc: "/cdr/search", .vbotCRM: "historycall/getAll",
    ]

    @Test(arguments: StoreBackend.allCases) func refreshFetchesTheWholeRangeAgain(_ backend: StoreBackend) async throws {
        try await withSandboxAccounts(backend) { sandbox in
            let store = try await sandbox.openStore()
            let engine = try smallPages(sandbox, .caresoft, store: store)
            let now = Date()
            let query = month(ending: now)
            let first = try await engine.sync(query, now: now)
            let before = sandbox.sandbox.requests(containing: "/api/v1/calls")
            let again = try await engine.sync(query, refresh: true, now: now)
            #expect(again.calls == first.calls)
            #expect(again.fetched == [DateInterval(start: query.from, end: query.to)])
            #expect(sandbox.sandbox.requests(containing: "/api/v1/calls") - before >= first.calls / 10)
        }
    }

    /// OMICall's 3-day windows: a sync stopped after three windows keeps those marked, nothing
    /// else; the next sync fetches only the rest and ends complete.
    @Test(arguments: StoreBackend.allCases) func aCancelledSyncMarksOnlyFinishedWindowsAndTheNextOneCompletesIt(_ backend: StoreBackend) async throws {
        try await withSandboxAccounts(backend) { sandbox in
            let store = try await sandbox.openStore()
            var account = sandbox.account(.omicall)
            account.pageSize = 5
            let client = try ProviderClients.make(account, tokenCache: sandbox.tokenCache)
            let now = Date()
            let query = month(ending: now)
            let plan = WindowPlan(from: query.from, to: query.to, maxDays: account.maxWindowDays)
            #expect(plan.windows.count >= 8)

            let stalling = StallingProvider(base: client) { _, windows in windows == 3 }
            try await cancelWhenStalled(SyncEngine(provider: stalling, store: store), query, now: now, stalling)

            let spans = try await store.syncedSpans(account: account.name)
            #expect(spans.count == 1)
            #expect(spans.first?.from == plan.windows[2].start.flooredToWholeSecond)
            #expect(spans.first?.to == now.addingTimeInterval(-3600).flooredToWholeSecond)

            let rest = try await SyncEngine(provider: client, store: store).sync(query, now: now)
            #expect(rest.fetched.count == 2, "the newest hour, and the part before the finished windows")
            #expect(rest.fetched.last?.start == query.from)
            #expect(rest.fetched.last?.end == plan.windows[3].end.flooredToWholeSecond)
            let expected = try await client.allCalls(query).sorted(by: newestFirst).map(\.id)
            #expect(try await storedIDs(store, account, query) == expected)
            let complete = try await store.syncedSpans(account: account.name)
            #expect(complete.count == 1)
            #expect(complete.first?.from == query.from.flooredToWholeSecond)
        }
    }

    /// CareSoft's one 31-day window: a sync stopped after two of its pages marks nothing.
    @Test(arguments: StoreBackend.allCases) func aSyncStoppedInsideItsOnlyWindowMarksNothing(_ backend: StoreBackend) async throws {
        try await withSandboxAccounts(backend) { sandbox in
            let store = try await sandbox.openStore()
            let engine = try smallPages(sandbox, .caresoft, store: store)
            let now = Date()
            let query = month(ending: now)
            let stalling = StallingProvider(base: engine.provider) { pages, _ in pages == 2 }
            try await cancelWhenStalled(SyncEngine(provider: stalling, store: store), query, now: now, stalling)
            #expect(try await store.count(StoreQuery(account: engine.provider.account.name)) == 20, "two pages committed")
            #expect(try await store.syncedSpans(account: engine.provider.account.name).isEmpty)

            let rest = try await engine.sync(query, now: now)
            #expect(rest.fetched == [DateInterval(start: query.from, end: query.to)])
            #expect(try await store.syncedSpans(account: engine.provider.account.name).count == 1)
        }
    }

    /// Runs a sync until `stalling` stops answering and everything it delivered is committed,
    /// then cancels it.
    func cancelWhenStalled(_ engine: SyncEngine, _ query: CallQuery, now: Date, _ stalling: StallingProvider) async throws {
        let (committed, report) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await engine.sync(query, now: now) { report.yield($0.calls) } }
        for await calls in committed where stalling.stalling && calls == stalling.deliveredCalls { break }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    /// However fast the provider answers, no more than `pagesInFlight` pages are held: the
    /// provider is asked for a page only when the one before has been taken for committing.
    @Test(arguments: StoreBackend.allCases) func pagesFetchedButNotCommittedNeverExceedTheBound(_ backend: StoreBackend) async throws {
        try await withSandboxAccounts(backend) { sandbox in
            let store = try await sandbox.openStore()
            let instant = InstantProvider(account: sandbox.account(.caresoft), pages: 300, perPage: 50, store: store)
            let query = CallQuery(from: Date(timeIntervalSince1970: 1_790_000_000), to: Date(timeIntervalSince1970: 1_800_000_000))
            let result = try await SyncEngine(provider: instant, store: store).sync(query)
            #expect(result.calls == 300 * 50)
            #expect(result.mostPagesInFlight <= SyncEngine.pagesInFlight)
            #expect(instant.mostAheadOfTheStore <= SyncEngine.pagesInFlight)
            #expect(instant.mostAheadOfTheStore >= 1)
            #expect(try await store.count(StoreQuery(account: instant.account.name)) == 300 * 50)
        }
    }

    @Test func gapsBetweenSpans() {
        #expect(SpanMath.gaps(in: 0...100, covered: []) == [0...100])
        #expect(SpanMath.gaps(in: 0...100, covered: [10...20, 50...60]) == [61...100, 21...49, 0...9])
        #expect(SpanMath.gaps(in: 0...100, covered: [0...100]) == [])
        #expect(SpanMath.gaps(in: 10...20, covered: [0...15]) == [16...20])
        #expect(SpanMath.gaps(in: 10...20, covered: [15...30]) == [10...14])
        #expect(SpanMath.gaps(in: 10...20, covered: [0...5, 25...30]) == [10...20])
    }

    @Test(arguments: StoreBackend.allCases) func markingMergesTouchingSpans(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            func at(_ s: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(s)) }
            try await store.markSynced(account: "a", DateInterval(start: at(100), end: at(200)), syncedAt: at(1000))
            try await store.markSynced(account: "a", DateInterval(start: at(300), end: at(400)), syncedAt: at(1000))
            try await store.markSynced(account: "b", DateInterval(start: at(0), end: at(1000)), syncedAt: at(1000))
            #expect(try await store.syncedSpans(account: "a").map { $0.from...$0.to } == [at(100)...at(200), at(300)...at(400)])
            try await store.markSynced(account: "a", DateInterval(start: at(201), end: at(299)), syncedAt: at(2000))
            #expect(try await store.syncedSpans(account: "a").map { $0.from...$0.to } == [at(100)...at(400)])
            #expect(try await store.unsyncedIntervals(account: "a", from: at(50), to: at(450)).map { $0.start...$0.end }
                    == [at(401)...at(450), at(50)...at(99)])
        }
    }
}

extension Date {
    var flooredToWholeSecond: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}

/// A provider whose pages stop coming once `stopAfter(pages, windows)` holds for what it has
/// delivered: the next page waits until the task is cancelled.
final class StallingProvider: CallProvider {
    let base: any CallProvider
    let stopAfter: @Sendable (_ pages: Int, _ windows: Int) -> Bool
    private let state = Mutex((pages: 0, windows: 0, calls: 0, stalling: false))

    init(base: any CallProvider, stopAfter: @escaping @Sendable (_ pages: Int, _ windows: Int) -> Bool) {
        self.base = base
        self.stopAfter = stopAfter
    }

    var stalling: Bool { state.withLock(\.stalling) }
    var deliveredCalls: Int { state.withLock(\.calls) }
    var account: AccountConfig { base.account }
    var capabilities: ProviderCapabilities { base.capabilities }
    func call(id: String) async throws -> CallRecord { try await base.call(id: id) }

    func calls(_ query: CallQuery) -> CallPages {
        base.calls(query).map { [self] page in
            if stalling { try await Task.sleep(for: .seconds(3600)) }
            // Decided before the page is handed on, so `stalling` is set before it is committed.
            state.withLock { s in
                s.pages += 1
                s.calls += page.records.count
                if page.completedWindow != nil { s.windows += 1 }
                s.stalling = stopAfter(s.pages, s.windows)
            }
            return page
        }
    }
}

/// A provider that answers every page at once, from memory, and notes for each page it is asked
/// for how many pages were fetched but not yet in the store at that moment (the one asked for
/// included).
final class InstantProvider: CallProvider {
    let account: AccountConfig
    let pages: Int
    let perPage: Int
    let store: any CallStoring
    private let ahead = Mutex<[Int]>([])

    init(account: AccountConfig, pages: Int, perPage: Int, store: any CallStoring) {
        self.account = account
        self.pages = pages
        self.perPage = perPage
        self.store = store
    }

    var mostAheadOfTheStore: Int { ahead.withLock { $0.max() ?? 0 } }
    var capabilities: ProviderCapabilities {
        ProviderCapabilities(remoteAnnotations: false, totalCount: true, cursorPagination: false, maxWindowDays: nil, push: false)
    }
    func call(id: String) async throws -> CallRecord { throw CallScopeError.notFound(account: account.name, id: id) }

    func calls(_ query: CallQuery) -> CallPages {
        CallPages { [self] in
            var n = 0
            return {
                guard n < self.pages else { return nil }
                n += 1
                let stored = try await self.store.count(StoreQuery(account: self.account.name)) / self.perPage
                self.ahead.withLock { $0.append(n - stored) }
                let records = (0..<self.perPage).map { sampleCall("p\(n)-\($0)", account: self.account.name, start: Int64(n * 1000 + $0)) }
                return CallPage(records: records, total: self.pages * self.perPage, totalIsComplete: true, window: 1, windows: 1, page: n,
                                pagesInWindow: self.pages, warnings: [])
            }
        }
    }
}
