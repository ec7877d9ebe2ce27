import Foundation

/// Small derivations the mappings share: answer time from a wait, end from a duration.
enum TimeArithmetic {
    /// `date` plus `seconds`, when both are known.
    static func adding(_ seconds: Int?, to date: Date?) -> Date? {
        guard let date, let seconds else { return nil }
        return date.addingTimeInterval(TimeInterval(seconds))
    }

    /// Whole seconds from `start` to `end`, when both are known and in order.
    static func seconds(from start: Date?, to end: Date?) -> Int? {
        guard let start, let end, end >= start else { return nil }
        return Int(end.timeIntervalSince(start))
    }
}
