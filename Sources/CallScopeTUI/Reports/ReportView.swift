import CallScopeKit
import CallScopeText
import Foundation

/// The report overlay (`R`): the summary, counts by disposition and direction, by agent, calls
/// per hour (per day past three days) as a bar chart, the provider's own report, and a marker
/// on the row Enter filters the list by. Bars are block characters, `#` without UTF-8.
enum ReportView {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        guard let shown = state.report.shown else { return }
        let layout = ReportLayout(size: state.size, shown: shown)
        buffer.fill(layout.box)
        buffer.box(layout.box, style: Style(.borderFocus), title: title(state, shown), titleStyle: Style(.title, attributes: .bold))
        let width = layout.header.columns, column = layout.header.column
        let key = { state.keys.key(.command($0), in: .report) }
        func footer(_ text: String) { buffer.put(text, row: layout.footerRow, col: column, width: width, style: Style(.key)) }
        switch shown.progress {
        case .running(let fetched):
            let doing = state.offline || fetched == 0 ? "counting the stored calls…" : "fetching the range into the store: \(fetched) calls…"
            buffer.put(doing, row: layout.header.row, col: column, width: width, style: Style(.status))
            footer("\(key(.back)) cancels")
        case .failed(let message):
            buffer.put(message, row: layout.header.row, col: column, width: width, style: Style(.error, attributes: .bold))
            footer("\(key(.back)) closes · \(key(.report)) makes it again")
        case .done(let report):
            buffer.put(ReportText.summary(report), row: layout.header.row, col: column, width: width, style: Style(.text, attributes: .bold))
            buffer.put(scope(shown, report), row: layout.header.row + 1, col: column, width: width, style: Style(.dim))
            footer("↑↓←→ pgup pgdn choose · \(key(.open)) " + (shown.text == nil ? "shows these calls" : "needs the search closed") + " · \(key(.back)) closes")
            for (n, pane) in layout.panes.enumerated() {
                let first = firstRow(pane, top: shown.tops[n])
                draw(pane, from: first, report: report, shown: shown, state: state, into: &buffer)
                // Rows beyond the pane: said on the footer line, under the pane's right edge.
                let above = first > 0, below = first + pane.rect.rows < pane.rows.count
                if above || below {
                    let more = (above ? "↑" : "") + (below ? "↓" : "") + " more"
                    buffer.put(more, row: layout.footerRow, col: pane.rect.right - DisplayWidth.of(more), style: Style(.dim))
                }
            }
        }
    }

    static func title(_ state: AppState, _ shown: ShownReport) -> String {
        let range = TitleBar.range(shown.query.from, shown.query.to, state.displayZone, now: state.now)
        return "report · \(state.account?.name ?? "") · \(range)"
    }

    /// What was counted beyond the range (the filter's fields, the search) and the talk in all.
    static func scope(_ shown: ShownReport, _ report: CallReport) -> String {
        var parts: [String] = []
        let q = shown.query
        if let text = shown.text { parts.append("search “\(text)”") }
        if let phone = q.phone { parts.append("phone \(phone)") }
        if let agent = q.agent { parts.append("agent \(agent)") }
        if let direction = q.direction { parts.append(direction.rawValue) }
        if let disposition = q.disposition { parts.append(disposition.rawValue) }
        if !q.providerFilters.isEmpty { parts.append("the provider's own filters not counted") }
        return (parts.isEmpty ? "every call of the range" : parts.joined(separator: " · "))
            + " · talk \(CallFormatting.duration(report.totals.talkSeconds)) in all"
    }

    /// The first row shown: the pane's scroll, within its rows.
    static func firstRow(_ pane: ReportLayout.Pane, top: Int) -> Int { min(max(0, top), max(0, pane.rows.count - pane.rect.rows)) }

    private static func draw(_ pane: ReportLayout.Pane, from first: Int, report: CallReport, shown: ShownReport, state: AppState,
                             into buffer: inout ScreenBuffer) {
        let rect = pane.rect, targets = shown.targets
        let half = (rect.columns - 2) / 2
        func put(_ index: Int, row: Int, column: Int, width: Int) {
            let selected = index == shown.selected
            if selected { buffer.fill(Rect(row: row, column: column, rows: 1, columns: width), style: Style(.selection)) }
            buffer.put(line(targets[index], report, width: width, state: state, selected: selected), row: row, col: column, width: width)
        }
        for (n, row) in pane.rows.dropFirst(first).prefix(rect.rows).enumerated() {
            let y = rect.row + n
            switch row {
            case .blank: break
            case .note(let text): buffer.put(text, row: y, col: rect.column + 2, width: rect.columns - 2, style: Style(.dim))
            case .providerLine(let text): buffer.put(text, row: y, col: rect.column + 2, width: rect.columns - 2)
            case .heading(let section):
                let style = Style(.header, attributes: .bold)
                if section == .dispositionAndDirection {
                    buffer.put(heading(section, report, half, state.account?.provider), row: y, col: rect.column, width: half, style: style)
                    buffer.put(countsHeading("Direction"), row: y, col: rect.column + half + 2, width: half, style: style)
                } else {
                    buffer.put(heading(section, report, rect.columns, state.account?.provider), row: y, col: rect.column, width: rect.columns, style: style)
                }
            case .target(let index): put(index, row: y, column: rect.column, width: rect.columns)
            case .pair(let left, let right):
                put(left, row: y, column: rect.column, width: half)
                if let right { put(right, row: y, column: rect.column + half + 2, width: half) }
            }
        }
    }

    /// Widths of a counts row after its two-cell marker: the label and the count.
    static let labelWidth = 14, countWidth = 7

    static func countsHeading(_ title: String) -> String {
        "  " + TextLayout.pad(title, width: labelWidth) + TextLayout.pad("calls", width: countWidth, alignment: .right)
    }

    static func heading(_ section: ReportLayout.Section, _ report: CallReport, _ width: Int, _ provider: ProviderKind?) -> String {
        switch section {
        case .dispositionAndDirection: return countsHeading("Disposition")
        case .agent:
            return "  " + TextLayout.pad("Agent", width: agentNameWidth(width)) + TextLayout.pad("calls", width: countWidth, alignment: .right)
                + TextLayout.pad("answered", width: 9, alignment: .right) + TextLayout.pad("missed", width: 7, alignment: .right)
                + TextLayout.pad("talk", width: 9, alignment: .right)
        case .time:
            let title = if case .days = report.slicing { "Calls per day" } else { "Calls per hour" }
            return countsHeading(title)
        case .provider: return "\(provider?.rawValue ?? "the provider")'s own report"
        }
    }

    static func agentNameWidth(_ width: Int) -> Int { max(8, width - 2 - countWidth - 9 - 7 - 9) }

    /// One selectable row as styled pieces, its marker first.
    static func line(_ target: ReportTarget, _ report: CallReport, width: Int, state: AppState, selected: Bool) -> [(String, Style)] {
        let text = selected ? Style(.selection, attributes: .bold) : Style(.text)
        let marker = (selected ? "▶ " : "  ", text)
        let total = report.totals.calls
        func counted(_ label: String, _ calls: Int) -> String {
            TextLayout.pad(label, width: labelWidth) + TextLayout.pad(String(calls), width: countWidth, alignment: .right)
        }
        func share(_ calls: Int) -> String { TextLayout.pad(ReportText.percent(total == 0 ? 0 : Double(calls) / Double(total)), width: 8, alignment: .right) }
        switch target {
        case .disposition(let disposition):
            let calls = report.byDisposition[disposition]?.calls ?? 0
            return [marker, (counted(disposition.rawValue, calls) + share(calls), text)]
        case .direction(let direction):
            let calls = report.byDirection[direction]?.calls ?? 0
            return [marker, (counted(direction.rawValue, calls) + share(calls), text)]
        case .agent(let agent, _):
            guard let entry = report.byAgent.first(where: { $0.agent == agent }) else { return [] }
            let c = entry.counts
            return [marker, (TextLayout.pad(ReportText.agent(entry), width: agentNameWidth(width))
                             + TextLayout.pad(String(c.calls), width: countWidth, alignment: .right)
                             + TextLayout.pad(String(c.answered), width: 9, alignment: .right)
                             + TextLayout.pad(String(c.missed), width: 7, alignment: .right)
                             + TextLayout.pad(CallFormatting.duration(c.talkSeconds), width: 9, alignment: .right), text)]
        case .slice(let from, _):
            guard let slice = report.slices.first(where: { max($0.start, report.range.from) == from }) else { return [] }
            let most = report.slices.map(\.counts.calls).max() ?? 0
            let room = max(0, width - 2 - labelWidth - countWidth - 2)
            let bar = ReportText.bar(slice.counts.calls, of: most, width: room, unicode: state.unicode)
            return [marker, (counted(ReportText.label(slice, report.slicing, zone: state.displayZone), slice.counts.calls) + "  ", text),
                    (bar, selected ? text : Style(.chart))]
        }
    }
}
