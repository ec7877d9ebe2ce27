import Foundation

/// Small derivations the mappings share: answer time from a wait, end from a duration.
enum TimeArithmetic {
    /// `date` plus `seconds`, when both are known and the sum is still a time callscope keeps
    /// (a call starting on 9999-12-31 has no end it could store).
    static func adding(_ seconds: Int?, to date: Date?) -> Date? {
        guard let date, let seconds else { return nil }
        let sum = date.addingTimeInterval(TimeInterval(seconds))
        return CallBounds.contains(sum) ? sum : nil
    }
}
