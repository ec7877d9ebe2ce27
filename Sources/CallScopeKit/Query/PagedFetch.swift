import Foundation

/// Where the next page of a window is.
enum PageCursor: Sendable, Hashable {
    case page(Int)
    case after(String)
}

/// One page as the provider sent it, before mapping.
struct RawPage: Sendable {
    var records: [JSONValue]
    /// The window's total, where the provider gives one.
    var total: Int?
    var next: PageCursor?
    var pageSize: Int?
}

/// The fetch loop every provider shares: windows newest first, pages within each until the
/// provider's own end marker, records mapped, de-duplicated across windows by id, checked
/// against the query. Pages are fetched as they are pulled (`CallPages`): one request at a time,
/// none ahead of the consumer.
///
/// A provider whose end marker never comes (a stuck `has_next`, no count, a cursor given back)
/// would be asked forever: a page that brings no id its window has not seen, or a cursor the
/// window already used, ends the fetch with `CallScopeError.repeatedPage`. The pages before it
/// were delivered; that window is not completed, so a sync marks none of it synced.
struct PagedFetch: Sendable {
    let account: AccountConfig
    let plan: WindowPlan
    let query: CallQuery
    let firstCursor: PageCursor
    let fetchPage: @Sendable (DateInterval, PageCursor) async throws -> RawPage

    var pages: CallPages {
        CallPages { [self] in
            let walk = Walk(self)
            return { try await walk.next() }
        }
    }

    /// Where one pass over the windows stands; used by the one task that iterates it.
    private final class Walk {
        let fetch: PagedFetch
        let context: MappingContext
        let mapper: @Sendable (JSONValue, MappingContext) -> MappedCall
        var window = 0
        var cursor: PageCursor?
        var page = 0
        /// Ids delivered, over every window (a call in two windows is delivered once).
        var seen = Set<String>()
        /// Every id (as its hash: a window can hold 250,000 calls, and a page counts as repeated only
        /// when all its ids were seen) and cursor of the current window, matched by the query or not.
        var idsOfWindow = Set<Int>()
        var cursorsOfWindow = Set<PageCursor>()
        var delivered = 0
        var totals: [Int?] = []

        init(_ fetch: PagedFetch) {
            self.fetch = fetch
            let account = fetch.account
            context = MappingContext(account: account.name, provider: account.provider, timeZone: account.timeZone)
            mapper = CallMapping.mapper(for: account.provider)
            cursor = fetch.firstCursor
        }

        func next() async throws -> CallPage? {
            let windows = fetch.plan.windows, query = fetch.query
            guard window < windows.count, let current = cursor else { return nil }
            guard cursorsOfWindow.insert(current).inserted else { throw repeated(page: page + 1) }
            let interval = windows[window]
            let raw = try await fetch.fetchPage(interval, current)
            page += 1
            if let asked = raw.pageSize, raw.records.count > Self.mostCalls(asked: asked) {
                throw CallScopeError.oversizedPage(account: fetch.account.name, page: page, window: window + 1, calls: raw.records.count, asked: asked)
            }
            // A negative count is no count.
            if page == 1 { totals.append(raw.total.flatMap { $0 >= 0 ? $0 : nil }) }
            var records: [CallRecord] = []
            var warnings = WarningTally()
            var broughtUnseen = false
            for item in raw.records {
                let mapped = mapper(item, context)
                warnings.add(mapped.warnings)
                if idsOfWindow.insert(mapped.record.id.hashValue).inserted { broughtUnseen = true }
                guard CallRecord.isAcceptableCallID(mapped.record.id), query.matches(mapped.record),
                      seen.insert(mapped.record.id).inserted else { continue }
                records.append(mapped.record)
            }
            if !raw.records.isEmpty && !broughtUnseen { throw repeated(page: page) }
            records.sort { ($0.startedAt ?? .distantPast) > ($1.startedAt ?? .distantPast) }
            var limitReached = false
            if let limit = query.limit, delivered + records.count >= limit {
                records = Array(records.prefix(limit - delivered))
                limitReached = true
            }
            delivered += records.count
            let windowEnded = raw.records.isEmpty || raw.next == nil
            let known = totals.compactMap { $0 }
            let pages = raw.total.flatMap { total in raw.pageSize.flatMap { Self.pages(total: total, size: $0) } }
            let result = CallPage(records: records, total: known.count == totals.count && !known.isEmpty ? known.reduce(0) { $0.addingSaturated($1) } : nil,
                                  totalIsComplete: totals.count == windows.count, window: window + 1, windows: windows.count,
                                  page: page, pagesInWindow: pages, warnings: warnings.kept, warningCount: warnings.count,
                                  completedWindow: windowEnded && !limitReached ? interval : nil)
            if limitReached {
                cursor = nil
            } else if windowEnded {
                window += 1
                page = 0
                cursor = fetch.firstCursor
                idsOfWindow = []
                cursorsOfWindow = []
            } else {
                cursor = raw.next
            }
            return result
        }

        private func repeated(page: Int) -> CallScopeError {
            .repeatedPage(account: fetch.account.name, page: page, window: window + 1)
        }

        /// The most calls a page asked for `asked` may hold: a provider may send a few more than
        /// asked, never thousands (a 64 MiB answer of `{}` is millions of records to map).
        static func mostCalls(asked: Int) -> Int { max(1_000, asked * 4) }

        /// Pages of `size` that hold `total` calls (at least one); nil for a count that is none.
        static func pages(total: Int, size: Int) -> Int? {
            guard total >= 0, size > 0 else { return nil }
            return max(1, total / size + (total % size == 0 ? 0 : 1))
        }
    }
}
