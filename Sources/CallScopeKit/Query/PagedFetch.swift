import Foundation

/// Where the next page of a window is.
enum PageCursor: Sendable, Equatable {
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
        var seen = Set<String>()
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
            let interval = windows[window]
            let raw = try await fetch.fetchPage(interval, current)
            page += 1
            if page == 1 { totals.append(raw.total) }
            var records: [CallRecord] = []
            var warnings: [MappingWarning] = []
            for item in raw.records {
                let mapped = mapper(item, context)
                warnings += mapped.warnings
                guard query.matches(mapped.record), seen.insert(mapped.record.id).inserted else { continue }
                records.append(mapped.record)
            }
            records.sort { ($0.startedAt ?? .distantPast) > ($1.startedAt ?? .distantPast) }
            var limitReached = false
            if let limit = query.limit, delivered + records.count >= limit {
                records = Array(records.prefix(limit - delivered))
                limitReached = true
            }
            delivered += records.count
            let windowEnded = raw.records.isEmpty || raw.next == nil
            let known = totals.compactMap { $0 }
            let pages = raw.total.flatMap { total in raw.pageSize.map { max(1, (total + $0 - 1) / $0) } }
            let result = CallPage(records: records, total: known.count == totals.count && !known.isEmpty ? known.reduce(0, +) : nil,
                                  totalIsComplete: totals.count == windows.count, window: window + 1, windows: windows.count,
                                  page: page, pagesInWindow: pages, warnings: warnings,
                                  completedWindow: windowEnded && !limitReached ? interval : nil)
            if limitReached {
                cursor = nil
            } else if windowEnded {
                window += 1
                page = 0
                cursor = fetch.firstCursor
            } else {
                cursor = raw.next
            }
            return result
        }
    }
}
