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
/// against the query, streamed as they arrive. Cancelling the consuming task stops it.
struct PagedFetch: Sendable {
    let account: AccountConfig
    let plan: WindowPlan
    let query: CallQuery
    let firstCursor: PageCursor
    let fetchPage: @Sendable (DateInterval, PageCursor) async throws -> RawPage

    func stream() -> AsyncThrowingStream<CallPage, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: CallPage.self)
        let task = Task {
            do {
                try await run { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private func run(_ yield: (CallPage) -> Void) async throws {
        let context = MappingContext(account: account.name, provider: account.provider, timeZone: account.timeZone)
        let mapper = CallMapping.mapper(for: account.provider)
        var seen = Set<String>()
        var delivered = 0
        var totals: [Int?] = []
        for (n, window) in plan.windows.enumerated() {
            var cursor: PageCursor? = firstCursor
            var page = 0
            while let current = cursor {
                try Task.checkCancellation()
                let raw = try await fetchPage(window, current)
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
                if let limit = query.limit, delivered + records.count >= limit {
                    records = Array(records.prefix(limit - delivered))
                    cursor = nil
                } else {
                    cursor = raw.records.isEmpty ? nil : raw.next
                }
                delivered += records.count
                let known = totals.compactMap { $0 }
                let pages = raw.total.flatMap { total in raw.pageSize.map { max(1, (total + $0 - 1) / $0) } }
                yield(CallPage(records: records, total: known.count == totals.count && !known.isEmpty ? known.reduce(0, +) : nil,
                               totalIsComplete: totals.count == plan.windows.count, window: n + 1,
                               windows: plan.windows.count, page: page, pagesInWindow: pages, warnings: warnings))
                if let limit = query.limit, delivered >= limit { return }
            }
        }
    }
}
