import AsyncAlgorithms
import CallScopeKit
import Foundation
import Synchronization

/// Where a sync stands, after each committed page.
public struct SyncProgress: Sendable, Equatable {
    public var account: String
    /// Calls committed to the store so far.
    public var calls: Int
    /// The provider's count of the calls being fetched, where it gives one (nil for ICSOC, and
    /// while a later request window's total is not known yet).
    public var total: Int?
    public var elapsed: Duration
    public var finished: Bool

    package init(account: String, calls: Int, total: Int?, elapsed: Duration, finished: Bool) {
        self.account = account
        self.calls = calls
        self.total = total
        self.elapsed = elapsed
        self.finished = finished
    }

    public var callsPerSecond: Double {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds > 0 ? Double(calls) / seconds : 0
    }

    /// `calls` as a share of `total`, 0–1, where the total is known.
    public var fraction: Double? {
        guard let total, total > 0 else { return nil }
        return min(1, Double(calls) / Double(total))
    }
}

/// What a sync did.
public struct SyncResult: Sendable {
    public var calls: Int
    /// The ranges asked of the provider (nothing when the store already had the whole range).
    public var fetched: [DateInterval]
    public var elapsed: Duration
    /// The most pages that were fetched but not yet committed at any moment.
    public var mostPagesInFlight: Int
    /// The first of the provider's odd records (`WarningTally.keptWarnings`); `warningCount` counts them all.
    public var warnings: [MappingWarning]
    public var warningCount: Int
    /// Calls deleted afterwards for being older than `keepDays`.
    public var pruned: Int
}

/// The one code that brings a provider's calls into the store. It fetches only what the store
/// does not hold for a range (plus the newest part, where calls still arrive or change), commits
/// each page before it lets the provider's client fetch more than one page ahead (memory bounded
/// by `pagesInFlight` pages whatever the range), marks a request window synced once all its pages
/// are committed, and reports progress. Cancelling the calling task stops it between pages;
/// what it committed stays, and no window it did not finish is marked synced.
public struct SyncEngine: Sendable {
    /// At most this many pages are held at once: one being committed, one fetched and waiting.
    public static let pagesInFlight = 2

    public let provider: any CallProvider
    public let store: any CallStoring
    /// Calls that started less than this long before a sync may still change (a recording, a
    /// note, a late end): that part of a range is fetched again by the next sync.
    public var settlingTime: TimeInterval
    /// `[store] keep_days`: after the sync, the account's calls that started more than this many
    /// days ago are pruned from the store; nil keeps them all.
    public var keepDays: Int?

    public init(provider: any CallProvider, store: any CallStoring, settlingTime: TimeInterval = 3600, keepDays: Int? = nil) {
        self.provider = provider
        self.store = store
        self.settlingTime = settlingTime
        self.keepDays = keepDays
    }

    /// Brings `query`'s range into the store. Without `refresh`, parts already synced and settled
    /// are not fetched again. Only a query without filters marks what it fetched as synced (a
    /// filtered fetch brings in some calls of a range, not all of them).
    public func sync(_ query: CallQuery, refresh: Bool = false, now: Date = Date(),
                     progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }) async throws -> SyncResult {
        let account = provider.account.name
        let started = ContinuousClock.now
        let tally = Tally()
        let settledBefore = now.addingTimeInterval(-settlingTime)
        // What is missing is decided once no other machine syncs the account: one that synced the
        // range meanwhile leaves nothing (but the newest part) to fetch.
        let intervals = try await store.whileSyncing(account: account) {
            let intervals = refresh ? [DateInterval(start: query.from, end: max(query.from, query.to))]
                : try await store.unsyncedIntervals(account: account, from: query.from, to: query.to)
            for interval in intervals {
                var part = query
                part.from = interval.start
                part.to = interval.end
                try await fetch(part, marking: query.isWholeRange ? settledBefore : nil, tally: tally) { calls, total in
                    progress(SyncProgress(account: account, calls: calls, total: total, elapsed: .now - started, finished: false))
                }
            }
            return intervals
        }
        var pruned = 0
        if let keepDays {
            pruned = try await store.prune(startedBefore: now.addingTimeInterval(-Double(keepDays) * 86_400), account: account, dryRun: false).calls
        }
        let (calls, most, warnings) = tally.summary
        progress(SyncProgress(account: account, calls: calls, total: tally.total, elapsed: .now - started, finished: true))
        return SyncResult(calls: calls, fetched: intervals, elapsed: .now - started, mostPagesInFlight: most,
                          warnings: warnings.kept, warningCount: warnings.count, pruned: pruned)
    }

    /// One range: the provider's client pulls pages in a child task and hands each over a
    /// channel that waits for this task to take it (`AsyncThrowingChannel` has no buffer).
    private func fetch(_ query: CallQuery, marking settledBefore: Date?, tally: Tally,
                       report: @escaping @Sendable (Int, Int?) -> Void) async throws {
        let channel = AsyncThrowingChannel<CallPage, any Error>()
        let pages = provider.calls(query)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    for try await page in pages {
                        tally.fetched()
                        await channel.send(page)
                        try Task.checkCancellation()
                    }
                    channel.finish()
                } catch {
                    channel.fail(error)
                }
            }
            tally.startPart()
            for try await page in channel {
                tally.committed(page, try await store.ingest(page.records))
                if let settledBefore, let window = page.completedWindow, window.start <= settledBefore {
                    let settled = DateInterval(start: window.start, end: min(window.end, settledBefore))
                    try await store.markSynced(account: provider.account.name, settled, syncedAt: settledBefore.addingTimeInterval(settlingTime))
                }
                report(tally.calls, tally.total)
            }
            // A cancelled task's iteration of the channel ends without an error: say it stopped.
            try Task.checkCancellation()
            try await group.waitForAll()
        }
    }
}

extension CallQuery {
    /// Whether the query asks for every call of its range (no filter narrows it).
    var isWholeRange: Bool {
        phone == nil && agent == nil && direction == nil && disposition == nil && providerFilters.isEmpty
    }
}

/// The counts a sync keeps, shared by the fetching and the committing task.
private final class Tally: Sendable {
    private struct Counts {
        var calls = 0
        var inFlight = 0
        var mostInFlight = 0
        /// The provider's totals of the ranges finished before the current one, and the current
        /// one's (nil where unknown).
        var parts = 0
        var earlierTotal: Int? = 0
        var currentTotal: Int?

        var total: Int? { earlierTotal.flatMap { earlier in currentTotal.map { earlier.addingSaturated($0) } } }
        var warnings = WarningTally()
    }

    private let counts = Mutex(Counts())

    func fetched() {
        counts.withLock {
            $0.inFlight += 1
            $0.mostInFlight = max($0.mostInFlight, $0.inFlight)
        }
    }

    func startPart() {
        counts.withLock {
            if $0.parts > 0 { $0.earlierTotal = $0.total }
            $0.parts += 1
            $0.currentTotal = nil
        }
    }

    func committed(_ page: CallPage, _ stored: IngestedCalls) {
        counts.withLock {
            $0.inFlight -= 1
            $0.calls += stored.records.count
            $0.currentTotal = page.totalIsComplete ? page.total : nil
            $0.warnings.add(page.warnings + stored.refused, counting: page.warningCount + stored.refused.count)
        }
    }

    var calls: Int { counts.withLock(\.calls) }
    var total: Int? { counts.withLock(\.total) }
    var summary: (calls: Int, mostInFlight: Int, warnings: WarningTally) {
        counts.withLock { ($0.calls, $0.mostInFlight, $0.warnings) }
    }
}
