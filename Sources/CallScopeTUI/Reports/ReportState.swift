import CallScopeKit
import Foundation

/// The report overlay (`R`) and the filters it applied to the list.
public struct ReportState: Sendable {
    /// The report on screen (or being made); nil when the overlay is closed.
    public var shown: ShownReport?
    /// Filters a drill-down replaced, newest last: Esc on the list puts the last one back while
    /// the list still shows what the drill-down made.
    public var drillDowns: [DrillDown] = []

    public init() {}
}

/// One report: what it counts and where it stands.
public struct ShownReport: Sendable {
    public enum Progress: Sendable {
        /// Fetching the range into the store (calls so far), then counting.
        case running(fetched: Int)
        case done(CallReport)
        case failed(String)
    }

    /// Results of an older report are dropped.
    public var id: Int
    public var query: CallQuery
    /// The search the report counts within (the list shows a search of the store).
    public var text: String?
    public var slicing: ReportSlicing
    public var progress: Progress
    /// The selected row among `targets`, and the first row shown of each pane.
    public var selected = 0
    public var tops = [0, 0]

    public var report: CallReport? {
        if case .done(let report) = progress { return report }
        return nil
    }

    /// The rows Enter filters the list by, in the order the overlay lists them.
    public var targets: [ReportTarget] {
        guard let report else { return [] }
        return Disposition.allCases.map(ReportTarget.disposition) + Direction.allCases.map(ReportTarget.direction)
            + report.byAgent.map { .agent($0.agent, name: $0.agentName) }
            + report.slices.map { .slice(from: max($0.start, report.range.from), to: min($0.end, report.range.to)) }
    }
}

/// A row of the report that stands for a set of calls.
public enum ReportTarget: Sendable, Equatable {
    case disposition(Disposition)
    case direction(Direction)
    case agent(String?, name: String?)
    /// An hour or a day, cut to the report's range (both bounds inclusive).
    case slice(from: Date, to: Date)
}

/// A filter the report put on the list, and the one it replaced.
public struct DrillDown: Sendable, Equatable {
    public var previous: FilterValues
    public var applied: FilterValues
}
