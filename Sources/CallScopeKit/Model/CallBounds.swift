import Foundation

/// What a normalized call's numbers may be (the spec's "provider data that is wrong"): a time from
/// 1970 through 9999, a duration of 0 to 31 days, a cost that fits a 64-bit integer. Outside
/// them a field is read as nil with a warning, so no later conversion (SQLite's integer seconds,
/// a sum in a report, a display) can trap on it.
public enum CallBounds {
    /// 1970-01-01T00:00:00Z.
    public static let earliest = Date(timeIntervalSince1970: 0)
    /// 9999-12-31T23:59:59Z.
    public static let latest = Date(timeIntervalSince1970: 253_402_300_799)
    /// 31 days, in seconds: the longest duration a call may have.
    public static let longestDuration = 31 * 86_400
    /// 2^63: the first magnitude that no longer fits an `Int64`.
    static let amountLimit = 9_223_372_036_854_775_808.0

    public static func contains(_ date: Date) -> Bool { (earliest...latest).contains(date) }

    public static func isDuration(_ seconds: Int) -> Bool { (0...longestDuration).contains(seconds) }

    /// A finite amount whose whole part fits an `Int64`.
    public static func isAmount(_ value: Double) -> Bool { value.isFinite && abs(value) < amountLimit }

    /// The first of `record`'s numbers outside these bounds, by its normalized name; nil when
    /// every one is within them (what every mapping guarantees, checked by the fuzz targets).
    public static func fieldOutOfBounds(in record: CallRecord) -> String? {
        let times = [("started_at", record.startedAt), ("answered_at", record.answeredAt), ("ended_at", record.endedAt)]
        if let (name, _) = times.first(where: { $0.1.map { !contains($0) } ?? false }) { return name }
        let durations = [("wait_seconds", record.waitSeconds), ("talk_seconds", record.talkSeconds),
                         ("hold_seconds", record.holdSeconds), ("duration_seconds", record.durationSeconds)]
        if let (name, _) = durations.first(where: { $0.1.map { !isDuration($0) } ?? false }) { return name }
        if let cost = record.cost, !isAmount(cost) { return "cost" }
        return nil
    }

    static let timeRange = "a time from 1970 through 9999"
    static let durationRange = "0 to 31 days"
}
