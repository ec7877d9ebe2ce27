import Foundation

/// Epoch numbers as providers send them: seconds or milliseconds, never told which.
public enum EpochTime {
    /// An epoch value above this is milliseconds (10^11 s is the year 5138; 10^11 ms is 1973).
    public static let millisecondsThreshold: Double = 100_000_000_000

    /// The instant of an epoch number, floored to whole seconds; nil for 0 (providers' "none")
    /// and for negative or non-finite values.
    public static func date(fromEpoch value: Double) -> Date? {
        guard value.isFinite, value > 0 else { return nil }
        let seconds = value > millisecondsThreshold ? value / 1000 : value
        return Date(timeIntervalSince1970: seconds.rounded(.down))
    }

    /// The instant of an epoch number or numeric string (see `date(fromEpoch:)`).
    public static func date(from value: JSONValue?) -> Date? {
        guard let number = value?.doubleValue else { return nil }
        return date(fromEpoch: number)
    }

    /// The whole seconds since 1970 of `date`, floored; clamped to ±2^53 (285 million years, where
    /// a `Double` still counts single seconds) so that a date from someone else's row converts,
    /// and sums and calendar arithmetic on it do not overflow.
    public static func wholeSeconds(_ date: Date) -> Int64 {
        let limit: Int64 = 1 << 53
        return Swift.min(limit, Swift.max(-limit, Int64.clamped(date.timeIntervalSince1970.rounded(.down))))
    }
}
