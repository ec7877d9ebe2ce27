import CallScopeKit

/// Where a window of a list (the TUI's rows around the screen) is read from.
public enum WindowAnchor: Sendable, Equatable {
    /// The first rows of the list.
    case top
    /// The last rows.
    case bottom
    /// The rows after a position (scrolling down from the window's last row).
    case after(StoreCursor)
    /// The rows before a position (scrolling up from the window's first row).
    case before(StoreCursor)
    /// Rows on both sides of a call, the call first after the rows before it (the list kept on
    /// its call when calls arrive or the order changes).
    case around(StoreCursor)
    /// The next call after (or before) a position whose text holds every word of `text`, going
    /// round the list's end, and rows on both sides of it.
    case find(String, from: StoreCursor?, forward: Bool)
}

/// A window of a list read from the store.
public struct StoreWindow: Sendable {
    /// In the list's order.
    public var rows: [CallRecord]
    /// The list's index of the first row, where the read knows it (nil for `after`/`before`,
    /// which continue a window the reader holds).
    public var firstIndex: Int?
    /// How many calls the list has, when asked for.
    public var total: Int?
    /// The call a find landed on; nil when nothing matched.
    public var found: String?
    /// The find went round the end of the list to find it.
    public var wrapped = false

    package init(rows: [CallRecord], firstIndex: Int? = nil, total: Int? = nil, found: String? = nil, wrapped: Bool = false) {
        self.rows = rows
        self.firstIndex = firstIndex
        self.total = total
        self.found = found
        self.wrapped = wrapped
    }
}

extension CallStoring {
    /// Reads `limit` rows of `query`'s list at `anchor` (rows on both sides for `around` and
    /// `find`), and the list's count when `count` is set: keyset pages and counts in the index,
    /// whatever the list's length.
    public func window(_ query: StoreQuery, at anchor: WindowAnchor, limit: Int, count: Bool) async throws -> StoreWindow {
        var window: StoreWindow
        switch anchor {
        case .top:
            window = StoreWindow(rows: try await page(query, after: nil, limit: limit).records, firstIndex: 0)
        case .bottom:
            // The first row's index needs the count: the reader passes `count` unless it knows it.
            let rows = Array(try await page(query.reversed, after: nil, limit: limit).records.reversed())
            let total = count ? try await self.count(query) : nil
            return StoreWindow(rows: rows, firstIndex: total.map { max(0, $0 - rows.count) }, total: total)
        case .after(let cursor):
            window = StoreWindow(rows: try await page(query, after: cursor, limit: limit).records)
        case .before(let cursor):
            window = StoreWindow(rows: try await page(query.reversed, after: cursor, limit: limit).records.reversed())
        case .around(let cursor):
            window = try await around(query, cursor, limit: limit)
        case .find(let text, let from, let forward):
            var matching = forward ? query : query.reversed
            matching.text = [query.text, text].compactMap { $0 }.joined(separator: " ")
            matching.includeRaw = false
            var hit = try await page(matching, after: from, limit: 1).records.first
            var wrapped = false
            if hit == nil, from != nil {
                hit = try await page(matching, after: nil, limit: 1).records.first
                wrapped = hit != nil
            }
            guard let hit else { return StoreWindow(rows: [], total: count ? try await self.count(query) : nil) }
            window = try await around(query, StoreCursor(after: hit, sort: query.sort), limit: limit)
            window.found = hit.id
            window.wrapped = wrapped
        }
        if count { window.total = try await self.count(query) }
        return window
    }

    /// Up to `limit / 2` rows before the position and the rest from it on; the index of the
    /// first is the count of the calls before the position.
    private func around(_ query: StoreQuery, _ cursor: StoreCursor, limit: Int) async throws -> StoreWindow {
        let before = try await page(query.reversed, after: cursor, limit: max(1, limit / 2)).records
        // From the call just before the position: the position's own call comes first.
        let from = before.first.map { StoreCursor(after: $0, sort: query.sort) }
        let rest = try await page(query, after: from, limit: max(1, limit - before.count)).records
        let preceding = try await count(query.reversed, after: cursor)
        return StoreWindow(rows: before.reversed() + rest, firstIndex: max(0, preceding - before.count))
    }
}
