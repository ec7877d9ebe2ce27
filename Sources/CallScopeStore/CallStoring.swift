import CallScopeKit
import Foundation

/// What every reader and writer of calls asks of a store: the SQLite file (`CallStore`, the
/// default) and a team's PostgreSQL database implement it alike, so the sync engine, the CLI, the
/// TUI and the receiver work on either. Everything that reads calls reads pages by keyset, counts
/// or groups: nothing reads a whole range into memory.
public protocol CallStoring: Sendable {
    // MARK: Calls

    /// Upserts fetched calls by (account, id) in one transaction; returns them as the user sees
    /// them (the user's notes and tags laid over). A call whose id is empty or holds a control
    /// character is skipped and returned as a warning, the rest of the batch stored.
    @discardableResult
    func ingest(_ records: [CallRecord]) async throws -> IngestedCalls
    /// The same, committed so that it survives a power cut (pushed calls: acknowledged once).
    @discardableResult
    func ingestDurably(_ records: [CallRecord]) async throws -> IngestedCalls
    /// One page by keyset after `cursor`, in the query's order.
    func page(_ query: StoreQuery, after cursor: StoreCursor?, limit: Int) async throws -> StorePage
    /// One page by keyset after `cursor` as CSV rows: for each call the bytes
    /// `CSVFormat.appendRow(of:)` writes (a store may write them without building the records).
    func csvPage(_ query: StoreQuery, after cursor: StoreCursor?, limit: Int) async throws -> CSVPage
    /// A stored call as the user sees it, with `raw`; nil when not stored.
    func call(account: String, id: String) async throws -> CallRecord?
    /// How many stored calls match (only those after `cursor` in the query's order, when
    /// given: the position of a call is the count after it in the reversed order), without
    /// reading them.
    func count(_ query: StoreQuery, after cursor: StoreCursor?) async throws -> Int

    /// The counts of the stored calls `query` selects (its filters; its own range replaced by
    /// `range`), grouped in the database: nothing is read into memory.
    func report(_ query: StoreQuery, range: TimeRange, provider: ProviderKind, slicing: ReportSlicing) async throws -> CallReport

    // MARK: Sync spans

    /// The synced spans of `account` that overlap [from, to] (all of them when nil), oldest first.
    func syncedSpans(account: String, overlapping from: Date?, _ to: Date?) async throws -> [SyncSpan]
    /// Records that every call of `account` that started in `interval` is stored, merging the
    /// spans it overlaps or touches. Only after those calls are committed.
    func markSynced(account: String, _ interval: DateInterval, syncedAt: Date) async throws
    /// Runs `body` (a sync of the account) while no other machine syncs the account, so that two
    /// never fetch the same range: the team store holds a lock in its database; the embedded
    /// store, on one machine, needs none.
    func whileSyncing<T: Sendable>(account: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T

    // MARK: Changes

    /// Every change committed by anyone, as it is committed (or soon after); nil for a store that
    /// cannot announce them.
    func changes() -> AsyncStream<StoreChange>?

    // MARK: Notes, tags and the outbox

    /// Keeps a note and tags in the store (providers without a notes API).
    func saveLocalAnnotation(account: String, id: String, note: String?, tags: [String]) async throws
    /// Writes a remote edit to the outbox before it is sent; supersedes an older unsent one.
    func enqueueEdit(account: String, id: String, note: String?, tags: [String]) async throws -> OutboxEntry
    /// Edits waiting to be sent (never tried, or failed), oldest first.
    func pendingEdits(account: String?) async throws -> [OutboxEntry]
    /// `synced`, `pending` or `failed: reason` for a call.
    func annotationState(account: String, id: String) async throws -> AnnotationState
    /// Every tag seen on the account's calls or given by the user, sorted.
    func knownTags(account: String) async throws -> [String]
    /// Claims an edit for sending by this process; false when someone else has it.
    func claim(_ entry: OutboxEntry) async throws -> Bool
    /// Claims every pending edit (of one account, or all) that no one else is sending.
    func claimPendingEdits(account: String?) async throws -> [OutboxEntry]
    /// Marks a claimed edit delivered and stores the provider's answer; the call as seen now.
    func markSent(_ entry: OutboxEntry, answer: CallRecord?) async throws -> CallRecord?
    /// Keeps a claimed edit pending with the reason its send failed.
    func markFailed(_ entry: OutboxEntry, reason: String) async throws
    /// Gives a claimed edit back unsent (the send was interrupted).
    func release(_ entry: OutboxEntry) async throws

    // MARK: upkeep

    /// Each account's calls (or one account's): how many, the oldest and newest start, the
    /// synced spans; and the store's size.
    func info(account: String?) async throws -> StoreInfo
    /// Deletes the calls that started before `cutoff`, of `account` or of all, with their local
    /// notes and tags (not the edits still to send); with `dryRun`, only counts them.
    func prune(startedBefore cutoff: Date, account: String?, dryRun: Bool) async throws -> PruneOutcome
}

extension CallStoring {
    public func changes() -> AsyncStream<StoreChange>? { nil }

    public func whileSyncing<T: Sendable>(account: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await body()
    }

    /// How many stored calls match.
    public func count(_ query: StoreQuery) async throws -> Int { try await count(query, after: nil) }

    /// The first page.
    public func page(_ query: StoreQuery, limit: Int = 100) async throws -> StorePage {
        try await page(query, after: nil, limit: limit)
    }

    public func pendingEdits() async throws -> [OutboxEntry] { try await pendingEdits(account: nil) }

    public func claimPendingEdits() async throws -> [OutboxEntry] { try await claimPendingEdits(account: nil) }

    /// The report in UTC hours.
    public func report(_ query: StoreQuery, range: TimeRange, provider: ProviderKind) async throws -> CallReport {
        try await report(query, range: range, provider: provider, slicing: .hours)
    }

    /// Every synced span of `account`, oldest first.
    public func syncedSpans(account: String) async throws -> [SyncSpan] {
        try await syncedSpans(account: account, overlapping: nil, nil)
    }

    /// The calls of `query` as pages, each read by keyset when it is pulled (nothing buffered);
    /// stops after `limit` calls.
    public func pages(_ query: StoreQuery, pageSize: Int = 500, limit: Int? = nil) -> CallPages {
        CallPages { [self] in
            var cursor: StoreCursor?, delivered = 0, number = 0, ended = false
            return {
                let size = min(pageSize, limit.map { $0 - delivered } ?? pageSize)
                guard !ended, size > 0 else { return nil }
                let page = try await self.page(query, after: cursor, limit: size)
                number += 1
                delivered += page.records.count
                cursor = page.next
                ended = cursor == nil
                guard !page.records.isEmpty || number == 1 else { return nil }
                return CallPage(records: page.records, total: nil, totalIsComplete: ended, window: 1, windows: 1, page: number,
                                pagesInWindow: nil, warnings: [])
            }
        }
    }

    /// The parts of [from, to] that no synced span covers, newest first, as query ranges: a gap
    /// that reaches a bound of the range keeps that bound exactly.
    public func unsyncedIntervals(account: String, from: Date, to: Date) async throws -> [DateInterval] {
        let low = SpanMath.seconds(from), high = SpanMath.seconds(to)
        guard low <= high else { return [] }
        let covered = try await syncedSpans(account: account, overlapping: from, to).map { SpanMath.seconds($0.from)...SpanMath.seconds($0.to) }
        return SpanMath.gaps(in: low...high, covered: covered).map { gap in
            DateInterval(start: gap.lowerBound == low ? from : Date(timeIntervalSince1970: TimeInterval(gap.lowerBound)),
                         end: gap.upperBound == high ? to : Date(timeIntervalSince1970: TimeInterval(gap.upperBound)))
        }
    }
}
