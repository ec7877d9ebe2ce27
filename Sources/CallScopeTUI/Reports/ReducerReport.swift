import CallScopeKit
import CallScopeText
import Foundation

/// The report overlay (`R`): made in the background, moved through like a list, and Enter on a
/// row filters the list to the calls that row counts.
extension AppState {
    /// The report of the account, range and filter in force (within the search shown, if any).
    mutating func openReport() -> [Effect] {
        guard let account else { overlay = .picker; return [] }
        guard let query = filter.query(zone: account.timeZone, now: now) else {
            status = StatusLine(kind: .error, text: "the filter's range does not parse: \(keyName(.filter)) fixes it")
            return []
        }
        var effects = cancelRunningReport()
        let id = nextID
        nextID += 1
        let slicing = ReportText.slicing(for: TimeRange(from: query.from, to: query.to), zone: displayZone)
        report.shown = ShownReport(id: id, query: query, text: search.active, slicing: slicing, progress: .running(fetched: 0))
        overlay = .report
        effects.append(.report(id: id, account: account.name, query: query, text: search.active, slicing: slicing))
        return effects
    }

    mutating func reportUpdated(id: Int, _ progress: ShownReport.Progress) {
        guard let shown = report.shown, shown.id == id else { return }
        // A page's count may arrive after the report it was part of.
        if case .running = progress, shown.report != nil { return }
        report.shown?.progress = progress
    }

    mutating func handleReport(_ action: KeyAction?) -> [Effect] {
        guard let shown = report.shown else { overlay = .none; return [] }
        let rows = ReportLayout(size: size, shown: shown).panes.map(\.rect.rows).min() ?? 1
        // Between a disposition and the direction beside it.
        let dispositions = Disposition.allCases.count, directions = Direction.allCases.count
        switch action {
        case .command(.report)?, .command(.back)?, .command(.cancel)?: return closeReport()
        case .command(.quit)?: return run(.quit)
        case .command(.up)?: selectTarget(Self.step(from: shown.selected, by: -1))
        case .command(.down)?: selectTarget(Self.step(from: shown.selected, by: 1))
        case .command(.pageUp)?: selectTarget(shown.selected - rows)
        case .command(.pageDown)?: selectTarget(shown.selected + rows)
        case .command(.top)?: selectTarget(0)
        case .command(.bottom)?: selectTarget(shown.targets.count - 1)
        case .command(.open)?: return drillDown()
        case .edit(.reportRight)? where shown.selected < min(dispositions, directions): selectTarget(shown.selected + dispositions)
        case .edit(.reportLeft)? where (dispositions..<(dispositions + directions)).contains(shown.selected):
            selectTarget(shown.selected - dispositions)
        default: break
        }
        return []
    }

    /// The row above or below: dispositions and directions are two columns, each walked down to
    /// the agents below them.
    static func step(from index: Int, by step: Int) -> Int {
        let dispositions = Disposition.allCases.count, agents = dispositions + Direction.allCases.count
        let next = index + step
        switch index {
        case ..<dispositions: return next == dispositions ? agents : next
        case ..<agents: return next < dispositions ? index : next
        default: return next < agents ? dispositions - 1 : next
        }
    }

    /// Closes the overlay; a report still being made is cancelled.
    mutating func closeReport() -> [Effect] {
        let effects = cancelRunningReport()
        if !effects.isEmpty { status = StatusLine(kind: .info, text: "report cancelled") }
        report.shown = nil
        overlay = .none
        return effects
    }

    private func cancelRunningReport() -> [Effect] {
        guard let shown = report.shown, case .running = shown.progress else { return [] }
        return [.cancelReport(id: shown.id)]
    }

    /// Moves the selection, scrolling its pane so that it stays on screen.
    mutating func selectTarget(_ index: Int) {
        guard var shown = report.shown, !shown.targets.isEmpty else { return }
        shown.selected = min(max(0, index), shown.targets.count - 1)
        let layout = ReportLayout(size: size, shown: shown)
        if let (pane, row) = layout.position(of: shown.selected) {
            let visible = layout.panes[pane].rect.rows
            // A section's title comes into view with its first row.
            var wanted = row
            if row > 0, case .heading = layout.panes[pane].rows[row - 1] { wanted = row - 1 }
            if wanted < shown.tops[pane] { shown.tops[pane] = wanted }
            if row >= shown.tops[pane] + visible { shown.tops[pane] = row - visible + 1 }
        }
        report.shown = shown
    }

    /// Enter: the list shows the calls of the selected row. The range becomes the report's, fixed
    /// (a relative `-24h` would have moved on), so the list holds exactly the calls counted.
    mutating func drillDown() -> [Effect] {
        guard let shown = report.shown, shown.targets.indices.contains(shown.selected), let counted = shown.report else { return [] }
        guard shown.text == nil else {
            status = StatusLine(kind: .info, text: "a report of a search cannot filter the list: esc the search, then R")
            return []
        }
        var values = filter
        values.from = Self.stamp(counted.range.from, displayZone)
        values.to = Self.stamp(counted.range.to, displayZone)
        let what: String
        switch shown.targets[shown.selected] {
        case .disposition(let disposition):
            values.disposition = disposition.rawValue
            what = disposition.rawValue
        case .direction(let direction):
            values.direction = direction.rawValue
            what = direction.rawValue
        case .agent(let agent?, let name):
            values.agent = agent
            what = "agent " + ReportText.agent(AgentCounts(agent: agent, agentName: name, counts: CallCounts()))
        case .agent(nil, _):
            status = StatusLine(kind: .info, text: "the list cannot be filtered to calls without an agent")
            return []
        case .slice(let from, let to):
            values.from = Self.stamp(from, displayZone)
            values.to = Self.stamp(to, displayZone)
            what = TitleBar.range(from, to, displayZone, now: now)
        }
        report.drillDowns.append(DrillDown(previous: filter, applied: values))
        filter = values
        report.shown = nil
        overlay = .none
        let effects = startFetch()
        status = StatusLine(kind: .info, text: "from the report: \(what) · \(keyName(.back)) restores the filter before it, \(keyName(.filter)) shows it")
        return effects
    }

    /// Esc on the list after a drill-down puts back the filter it replaced, as long as the list
    /// still shows the drill-down's filter (nil: nothing to undo).
    mutating func undoDrillDown() -> [Effect]? {
        guard let last = report.drillDowns.last else { return nil }
        guard last.applied == filter else {
            report.drillDowns.removeAll()
            return nil
        }
        report.drillDowns.removeLast()
        filter = last.previous
        return startFetch()
    }

    /// RFC 3339 on the viewer's clock (`2026-11-21T09:00:00+07:00`): exact, and readable in the form.
    static func stamp(_ date: Date, _ zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+", minutes = abs(offset) / 60
        let local = NaiveTimestamp.string(from: date, in: zone).replacingOccurrences(of: " ", with: "T")
        return local + sign + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }
}
