import CallScopeKit
import CallScopeText

/// Where the report overlay puts things for a screen size: the box (as large as the screen
/// allows), the summary at the top, the key hints at the bottom, and between them one list of
/// rows, or two side by side on a wide screen (counts on the left, the chart on the right).
/// The reducer uses it to keep the selected row on screen; the view draws it.
struct ReportLayout {
    enum Row: Equatable {
        /// A section's title (and column titles).
        case heading(Section)
        /// A row Enter filters by: an index into `ShownReport.targets`.
        case target(Int)
        /// A disposition beside a direction (there is one direction fewer).
        case pair(Int, Int?)
        /// A line of the provider's own report.
        case providerLine(String)
        case note(String)
        case blank
    }

    enum Section: Equatable { case dispositionAndDirection, agent, time, provider }

    struct Pane: Equatable {
        var rect: Rect
        var rows: [Row]
    }

    static let wideColumns = 120
    static let headerRows = 3

    let box: Rect
    /// Summary and scope lines.
    let header: Rect
    let panes: [Pane]
    let footerRow: Int

    init(size: TerminalSize, shown: ShownReport) {
        let columns = min(size.columns - 2, 200), rows = size.rows - 2
        box = Rect(row: max(0, (size.rows - rows) / 2), column: max(0, (size.columns - columns) / 2), rows: rows, columns: columns)
        let inner = Rect(row: box.row + 1, column: box.column + 2, rows: box.rows - 2, columns: box.columns - 4)
        header = Rect(row: inner.row, column: inner.column, rows: Self.headerRows - 1, columns: inner.columns)
        footerRow = inner.bottom - 1
        let body = Rect(row: inner.row + Self.headerRows, column: inner.column, rows: max(1, inner.rows - Self.headerRows - 1), columns: inner.columns)
        let (counts, chart) = Self.rows(shown)
        if body.columns >= Self.wideColumns - 6 {
            let left = (body.columns - 3) / 2
            panes = [Pane(rect: Rect(row: body.row, column: body.column, rows: body.rows, columns: left), rows: counts),
                     Pane(rect: Rect(row: body.row, column: body.column + left + 3, rows: body.rows, columns: body.columns - left - 3), rows: chart)]
        } else {
            panes = [Pane(rect: body, rows: counts + [.blank] + chart)]
        }
    }

    /// The rows of the counts (dispositions, directions, agents, the provider's report) and of the chart.
    static func rows(_ shown: ShownReport) -> (counts: [Row], chart: [Row]) {
        guard let report = shown.report else { return ([], []) }
        let dispositions = Disposition.allCases.count, directions = Direction.allCases.count
        var counts: [Row] = [.heading(.dispositionAndDirection)]
        counts += (0..<dispositions).map { Row.pair($0, $0 < directions ? dispositions + $0 : nil) }
        let agents = dispositions + directions
        counts += [.blank, .heading(.agent)]
        counts += report.byAgent.isEmpty ? [.note("no calls")] : (agents..<(agents + report.byAgent.count)).map(Row.target)
        if let payload = report.providerReport {
            counts += [.blank, .heading(.provider)] + ReportText.providerLines(payload).map(Row.providerLine)
        }
        let slices = agents + report.byAgent.count
        let chart: [Row] = [.heading(.time)] + (slices..<(slices + report.slices.count)).map(Row.target)
        return (counts, chart)
    }

    /// The pane and row of target `index`.
    func position(of index: Int) -> (pane: Int, row: Int)? {
        for (p, pane) in panes.enumerated() {
            let row = pane.rows.firstIndex { row in
                switch row {
                case .target(let n): n == index
                case .pair(let a, let b): a == index || b == index
                default: false
                }
            }
            if let row { return (p, row) }
        }
        return nil
    }
}
