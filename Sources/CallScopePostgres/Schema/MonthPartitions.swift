import Foundation
import PostgresNIO
import Synchronization

/// The monthly partitions of `calls`: created on demand for the months being written (each
/// process remembers the months it made sure of), and dropped whole for retention.
final class MonthPartitions: Sendable {
    /// The first second of each month known to have its partition.
    private let known = Mutex<Set<Int64>>([])

    /// A UTC month: its partition's name and bounds in epoch seconds (upper exclusive).
    struct Month: Hashable {
        let name: String
        let lower: Int64
        let upper: Int64

        init(containing seconds: Int64) {
            let calendar = Self.calendar
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            let parts = calendar.dateComponents([.year, .month], from: date)
            let start = calendar.date(from: parts)!
            let next = calendar.date(byAdding: .month, value: 1, to: start)!
            name = String(format: "calls_y%04dm%02d", parts.year!, parts.month!)
            lower = Int64(start.timeIntervalSince1970)
            upper = Int64(next.timeIntervalSince1970)
        }

        private static let calendar: Calendar = {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            return calendar
        }()
    }

    /// Makes sure every month holding one of `starts` has its partition (calls without a start
    /// go to the default partition). Each creation is its own short transaction, taken in turn by
    /// every process (an advisory lock), so no batch of calls holds the table's lock.
    func ensure(starts: some Sequence<Int64>, in database: StoreDatabase) async throws {
        let wanted = Set(starts.filter { $0 != PostgresSchema.noStart }.map(Month.init(containing:)))
        let missing = known.withLock { known in wanted.filter { !known.contains($0.lower) } }
        for month in missing.sorted(by: { $0.lower < $1.lower }) {
            try await database.transaction { [logger = database.logger] connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.Lock.partitions.rawValue), 0)", logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: """
                    CREATE TABLE IF NOT EXISTS \(month.name) PARTITION OF calls FOR VALUES FROM (\(month.lower)) TO (\(month.upper))
                    """), logger: logger)
            }
            known.withLock { _ = $0.insert(month.lower) }
        }
    }

    /// Forgets what this process knew (another one may have dropped a month).
    func forget() {
        known.withLock { $0.removeAll() }
    }

    /// Drops every month that ended at or before `cutoff` (epoch seconds), with the keys of its
    /// calls; returns the partitions dropped. Each month is one transaction.
    func drop(endingBy cutoff: Int64, in database: StoreDatabase) async throws -> [String] {
        let months = try await database.withConnection { [logger = database.logger] connection in
            var months: [(name: String, upper: Int64)] = []
            let rows = try await connection.query("""
                SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i
                JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'calls'::regclass
                """, logger: logger)
            for try await (name, bound) in rows.decode((String, String).self) {
                guard name != "calls_undated", let upper = Self.upperBound(bound) else { continue }
                months.append((name, upper))
            }
            return months
        }
        var dropped: [String] = []
        for month in months.sorted(by: { $0.upper < $1.upper }) where month.upper <= cutoff {
            let lower = Month(containing: month.upper - 1).lower
            try await database.transaction { [logger = database.logger] connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.Lock.partitions.rawValue), 0)", logger: logger)
                try await connection.query("DELETE FROM call_keys WHERE started_at >= \(lower) AND started_at < \(month.upper)", logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE \(month.name)"), logger: logger)
            }
            known.withLock { _ = $0.remove(lower) }
            dropped.append(month.name)
        }
        return dropped
    }

    /// The upper bound of `FOR VALUES FROM ('x') TO ('y')`.
    static func upperBound(_ bound: String) -> Int64? {
        guard let to = bound.range(of: "TO (") else { return nil }
        return Int64(bound[to.upperBound...].prefix { $0 != ")" }.filter { $0 != "'" })
    }
}
