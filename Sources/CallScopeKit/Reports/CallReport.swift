import Foundation

/// How many calls, and how they went, in one part of a report.
public struct CallCounts: Sendable, Equatable {
    public var calls: Int
    public var answered: Int
    public var missed: Int
    public var talkSeconds: Int

    public init(calls: Int = 0, answered: Int = 0, missed: Int = 0, talkSeconds: Int = 0) {
        self.calls = calls
        self.answered = answered
        self.missed = missed
        self.talkSeconds = talkSeconds
    }

    /// Saturating: the counts come from rows a team store's other writers made.
    public static func += (lhs: inout CallCounts, rhs: CallCounts) {
        lhs.calls = lhs.calls.addingSaturated(rhs.calls)
        lhs.answered = lhs.answered.addingSaturated(rhs.answered)
        lhs.missed = lhs.missed.addingSaturated(rhs.missed)
        lhs.talkSeconds = lhs.talkSeconds.addingSaturated(rhs.talkSeconds)
    }
}

/// One agent's calls in a report; `agent` nil gathers the calls without one.
public struct AgentCounts: Sendable, Equatable {
    public var agent: String?
    /// The name on the agent's newest call of the range.
    public var agentName: String?
    public var counts: CallCounts

    public init(agent: String?, agentName: String?, counts: CallCounts) {
        self.agent = agent
        self.agentName = agentName
        self.counts = counts
    }
}

/// One stretch of the range (an hour, a day) and its calls.
public struct TimeSlice: Sendable, Equatable {
    public var start: Date
    /// The slice's last second (inclusive, like a range's `to`).
    public var end: Date
    public var counts: CallCounts

    public init(start: Date, end: Date, counts: CallCounts) {
        self.start = start
        self.end = end
        self.counts = counts
    }
}

/// The counts of an account's calls over a range (`callscope report`, the TUI's `R`).
public struct CallReport: Sendable, Equatable {
    public var account: String
    public var provider: ProviderKind
    /// The range counted, both bounds inclusive.
    public var range: TimeRange
    public var totals: CallCounts
    public var waitSeconds: Int
    /// How many calls have a wait time (the average wait is over these).
    public var callsWithWait: Int
    /// Every disposition and direction, zero or not.
    public var byDisposition: [Disposition: CallCounts]
    public var byDirection: [Direction: CallCounts]
    /// Most calls first (then by agent, calls without an agent last among equals).
    public var byAgent: [AgentCounts]
    /// The range cut as `slicing` says, oldest first, empty slices included.
    public var slices: [TimeSlice]
    public var slicing: ReportSlicing
    /// The provider's own report of the range (OMICall's `payload`), when it has one.
    public var providerReport: JSONValue?

    public init(account: String, provider: ProviderKind, range: TimeRange, totals: CallCounts, waitSeconds: Int, callsWithWait: Int,
                byDisposition: [Disposition: CallCounts], byDirection: [Direction: CallCounts], byAgent: [AgentCounts],
                slices: [TimeSlice], slicing: ReportSlicing, providerReport: JSONValue? = nil) {
        self.account = account
        self.provider = provider
        self.range = range
        self.totals = totals
        self.waitSeconds = waitSeconds
        self.callsWithWait = callsWithWait
        self.byDisposition = byDisposition
        self.byDirection = byDirection
        self.byAgent = byAgent
        self.slices = slices
        self.slicing = slicing
        self.providerReport = providerReport
    }

    /// Answered calls as a share of all calls (0 when there are none).
    public var answerRate: Double { totals.calls == 0 ? 0 : Double(totals.answered) / Double(totals.calls) }

    /// Seconds of talk per answered call.
    public var averageTalkSeconds: Double? { totals.answered == 0 ? nil : Double(totals.talkSeconds) / Double(totals.answered) }

    /// Seconds of wait per call that has a wait time.
    public var averageWaitSeconds: Double? { callsWithWait == 0 ? nil : Double(waitSeconds) / Double(callsWithWait) }
}

/// How a report cuts its range in time: UTC hours (the spec's `by_hour`), or days of a zone
/// (the TUI's chart of a range over three days).
public enum ReportSlicing: Sendable, Equatable {
    case hours
    case days(TimeZone)

    /// The slices from the one holding `range.from` to the one holding `range.to`, each as its
    /// first and last second.
    public func bounds(of range: TimeRange) -> [(start: Date, end: Date)] {
        let first = Self.wholeSecond(range.from), last = Self.wholeSecond(range.to)
        switch self {
        case .hours:
            let hour: Int64 = 3600
            var start = Self.floor(first, hour)
            var bounds: [(Date, Date)] = []
            while start <= last {
                bounds.append((Date(timeIntervalSince1970: TimeInterval(start)), Date(timeIntervalSince1970: TimeInterval(start + hour - 1))))
                start += hour
            }
            return bounds
        case .days(let zone):
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            var start = calendar.startOfDay(for: Date(timeIntervalSince1970: TimeInterval(first)))
            var bounds: [(Date, Date)] = []
            while Self.wholeSecond(start) <= last {
                // The next midnight, however long the day (a daylight-saving change makes 23 or 25 hours).
                guard let next = calendar.date(byAdding: .day, value: 1, to: start) else { break }
                bounds.append((start, next.addingTimeInterval(-1)))
                start = next
            }
            return bounds
        }
    }

    static func wholeSecond(_ date: Date) -> Int64 { EpochTime.wholeSeconds(date) }

    static func floor(_ value: Int64, _ step: Int64) -> Int64 {
        value >= 0 ? value / step * step : (value - step + 1) / step * step
    }
}
