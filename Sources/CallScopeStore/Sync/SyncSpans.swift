import Foundation
import GRDB

/// A part of an account's history that the store holds as the provider has it.
public struct SyncSpan: Sendable, Equatable {
    /// Both inclusive, whole seconds.
    public var from: Date
    public var to: Date
    /// When the sync that last extended it started.
    public var syncedAt: Date

    package init(from: Date, to: Date, syncedAt: Date) {
        self.from = from
        self.to = to
        self.syncedAt = syncedAt
    }
}

/// Span arithmetic in whole epoch seconds (a call's start is stored in whole seconds).
package enum SpanMath {
    /// The parts of `range` no span of `covered` (sorted, disjoint) contains, newest first.
    static func gaps(in range: ClosedRange<Int64>, covered: [ClosedRange<Int64>]) -> [ClosedRange<Int64>] {
        var gaps: [ClosedRange<Int64>] = []
        var next = range.lowerBound
        for span in covered where span.upperBound >= next && span.lowerBound <= range.upperBound {
            if span.lowerBound > next { gaps.append(next...(span.lowerBound - 1)) }
            guard span.upperBound < range.upperBound else { return gaps.reversed() }
            next = span.upperBound + 1
        }
        gaps.append(next...range.upperBound)
        return gaps.reversed()
    }

    package static func seconds(_ date: Date) -> Int64 { CallColumns.seconds(date) }
}

extension CallStore {
    public func syncedSpans(account: String, overlapping from: Date?, _ to: Date?) async throws -> [SyncSpan] {
        let low = from.map(SpanMath.seconds) ?? .min, high = to.map(SpanMath.seconds) ?? .max
        return try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT from_s, to_s, synced_at FROM sync_spans WHERE account = ? AND to_s >= ? AND from_s <= ? ORDER BY from_s",
                             arguments: [account, low, high]).map {
                SyncSpan(from: Date(timeIntervalSince1970: TimeInterval($0[0] as Int64)), to: Date(timeIntervalSince1970: TimeInterval($0[1] as Int64)),
                         syncedAt: Date(timeIntervalSince1970: $0[2]))
            }
        }
    }

    public func markSynced(account: String, _ interval: DateInterval, syncedAt: Date) async throws {
        let start = SpanMath.seconds(interval.start), end = SpanMath.seconds(interval.end)
        guard start <= end else { return }
        try await pool.write { db in
            var low = start, high = end
            let touching = try Row.fetchAll(db, sql: "SELECT from_s, to_s FROM sync_spans WHERE account = ? AND to_s >= ? AND from_s <= ?",
                                            arguments: [account, start - 1, end + 1])
            for row in touching {
                low = min(low, row[0]); high = max(high, row[1])
            }
            try db.execute(sql: "DELETE FROM sync_spans WHERE account = ? AND to_s >= ? AND from_s <= ?", arguments: [account, low, high])
            try db.execute(sql: "INSERT INTO sync_spans (account, from_s, to_s, synced_at) VALUES (?, ?, ?, ?)",
                           arguments: [account, low, high, syncedAt.timeIntervalSince1970])
        }
    }
}
