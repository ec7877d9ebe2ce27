import CallScopeKit
import Foundation

/// Which cached calls to read: the filters of `CallQuery` (so `calls --offline` answers as the
/// provider would for the calls it has), plus a full-text search.
public struct StoreQuery: Sendable, Equatable {
    public enum Order: Sendable, Equatable {
        case newestFirst
        case oldestFirst
    }

    public var account: String
    /// Both bounds inclusive, as in `CallQuery`; a call without a start time is in no range.
    public var from: Date?
    public var to: Date?
    public var phone: String?
    public var agent: String?
    public var direction: Direction?
    public var disposition: Disposition?
    /// Words that must all be found in a call's numbers, names, note or tags (folded: `duc`
    /// finds `Đức`; any part of a number; Chinese by substring).
    public var text: String?
    public var order: Order
    /// The column the list is ordered by (then by start time and id, in the same direction):
    /// `newestFirst` is descending, `oldestFirst` ascending.
    public var sort: StoreSort
    /// Parse the provider's object into `raw` (the list needs it only for the detail pane).
    public var includeRaw: Bool

    public init(account: String, from: Date? = nil, to: Date? = nil, phone: String? = nil, agent: String? = nil,
                direction: Direction? = nil, disposition: Disposition? = nil, text: String? = nil,
                order: Order = .newestFirst, sort: StoreSort = .time, includeRaw: Bool = true) {
        self.account = account
        self.from = from
        self.to = to
        self.phone = phone
        self.agent = agent
        self.direction = direction
        self.disposition = disposition
        self.text = text
        self.order = order
        self.sort = sort
        self.includeRaw = includeRaw
    }

    /// The cached side of a provider query (its `limit` is the reader's business; provider
    /// filters are not kept offline).
    public init(account: String, query: CallQuery, includeRaw: Bool = true) {
        self.init(account: account, from: query.from, to: query.to, phone: query.phone, agent: query.agent,
                  direction: query.direction, disposition: query.disposition, includeRaw: includeRaw)
    }
}

extension StoreQuery {
    /// The same list walked the other way.
    public var reversed: StoreQuery {
        var query = self
        query.order = order == .newestFirst ? .oldestFirst : .newestFirst
        return query
    }
}

/// Where a page ended: the last call's sort key. Pass it back for the next page.
public struct StoreCursor: Sendable, Hashable {
    package let startedAt: Int64
    package let id: String
    /// The sort column's value (nil when the list is ordered by time).
    package let key: StoreSortKey?

    /// The position of `record` in a list ordered by `sort`: a page after it starts with the call
    /// after it.
    public init(after record: CallRecord, sort: StoreSort = .time) {
        self.init(startedAt: record.startedAt.map(CallColumns.seconds) ?? CallColumns.noStart, id: record.id,
                  key: sort.key(of: record))
    }

    package init(startedAt: Int64, id: String, key: StoreSortKey? = nil) {
        self.startedAt = startedAt
        self.id = id
        self.key = key
    }
}

/// A page of cached calls, as the user sees them (notes and tags merged).
public struct StorePage: Sendable {
    public var records: [CallRecord]
    /// The cursor of the next page; nil at the end.
    public var next: StoreCursor?

    package init(records: [CallRecord], next: StoreCursor?) {
        self.records = records
        self.next = next
    }
}
