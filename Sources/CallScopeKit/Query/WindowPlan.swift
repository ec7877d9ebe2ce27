import Foundation

/// A range split into the windows one request may span, newest first, touching without gaps
/// (each window's start is one second after the next one's end).
public struct WindowPlan: Sendable, Equatable {
    public let windows: [DateInterval]
    public let maxDays: Int?

    public init(from: Date, to: Date, maxDays: Int?) {
        self.maxDays = maxDays
        let from = from.flooredToSecond
        guard let maxDays, maxDays > 0 else {
            windows = [DateInterval(start: from, end: max(from, to))]
            return
        }
        var result: [DateInterval] = []
        var end = to
        let span = TimeInterval(maxDays) * 86400
        repeat {
            let start = max(from, end.addingTimeInterval(-span))
            result.append(DateInterval(start: start, end: end))
            end = start.addingTimeInterval(-1)
        } while end >= from
        windows = result
    }

    /// "92 days → 3 requests windows of 31 days", as the filter form says it.
    public var summary: String {
        let first = windows.last!.start, last = windows.first!.end
        let days = Int((last.timeIntervalSince(first) / 86400).rounded(.up))
        guard let maxDays, windows.count > 1 else { return "\(days) day\(days == 1 ? "" : "s") → 1 request window" }
        return "\(days) days → \(windows.count) request windows of \(maxDays) day\(maxDays == 1 ? "" : "s")"
    }
}
