import CallScopeKit
import CallScopeText

/// The virtual list: only the rows on screen are drawn, from the window of rows read from the
/// store; a row not read yet shows as a dim placeholder until it is.
enum CallListView {
    /// The columns that fit `width`, the last one taking what is left.
    static func fitting(_ width: Int) -> [(CallColumn, Int)] {
        var chosen = CallColumns.list
        func total(_ cols: [CallColumn]) -> Int { cols.reduce(1) { $0 + $1.maxWidth + 1 } }
        while total(chosen) > width, let drop = chosen.filter({ $0.dropOrder > 0 }).max(by: { $0.dropOrder < $1.dropOrder }) {
            chosen.removeAll { $0.title == drop.title }
        }
        let spare = max(0, width - total(chosen))
        return chosen.enumerated().map { n, c in (c, c.maxWidth + (n == chosen.count - 1 ? spare : 0)) }
    }

    static func draw(_ state: AppState, layout: Layout, into buffer: inout ScreenBuffer) {
        let fitted = fitting(layout.listHeader.columns)
        let formatting = CallFormatting(timeZone: state.displayZone)
        var x = layout.listHeader.column + 1
        buffer.fill(layout.listHeader, style: Style(.header))
        for (column, width) in fitted {
            let title = column.title + (column.sort == state.list.sort ? (state.list.ascending ? "↑" : "↓") : "")
            buffer.put(title, row: layout.listHeader.row, col: x, width: width, style: Style(.header, attributes: .bold), alignment: column.alignment)
            x += width + 1
        }
        let body = layout.listBody
        if state.list.calls.isEmpty {
            let text = state.account == nil ? "choose an account (p)"
                : state.list.read != nil ? "loading…"
                : state.list.syncing ? "no calls stored in this range yet — syncing from the provider…"
                : state.search.active != nil ? "no stored call matches the search — esc returns to the list"
                : "no calls in this range — f to change the filter"
            buffer.put(text, row: body.row + min(1, body.rows - 1), col: 2, width: body.columns - 2, style: Style(.dim))
            return
        }
        let detailFocused = state.detail.open && state.detail.focus == .detail
        let rows = max(state.list.total ?? 0, state.list.end)
        for r in 0..<body.rows {
            let index = state.list.top + r
            guard index < rows else { break }
            guard let call = state.list.call(at: index) else {
                buffer.put("  …", row: body.row + r, col: body.column, width: body.columns, style: Style(.dim))
                continue
            }
            let selected = index == state.list.selected
            let rowStyle = selected ? Style(detailFocused ? .selectionInactive : .selection) : Style(.text)
            buffer.fill(Rect(row: body.row + r, column: body.column, rows: 1, columns: body.columns), style: rowStyle)
            buffer.put(selected ? "▶" : " ", row: body.row + r, col: body.column, style: rowStyle)
            var x = body.column + 1
            for (column, width) in fitted {
                var style = rowStyle
                if !selected { style = Style(role(for: column.title, call)) }
                buffer.put(column.value(call, formatting), row: body.row + r, col: x, width: width, style: style, alignment: column.alignment)
                x += width + 1
            }
        }
    }

    static func role(for column: String, _ call: CallRecord) -> StyleRole {
        switch column {
        case "Disp": dispositionRole(call.disposition)
        case "Tags": .tag
        case "Time": .dim
        default: .text
        }
    }

    static func dispositionRole(_ disposition: Disposition) -> StyleRole {
        switch disposition {
        case .answered: .answered
        case .missed: .missed
        case .busy: .busy
        case .failed: .failed
        case .unknown: .dim
        }
    }
}
