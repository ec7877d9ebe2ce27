import CallScopeKit
import CallScopeText

/// The status line (errors, the find prompt, what is happening) and the footer of key hints.
enum StatusBar {
    static func draw(_ state: AppState, layout: Layout, into buffer: inout ScreenBuffer) {
        let row = layout.statusRow
        buffer.fill(Rect(row: row, column: 0, rows: 1, columns: buffer.columns), style: Style(.status))
        // Where the selection is in the whole list, at the right: "row 1,204 of 249,997".
        var width = buffer.columns
        if let total = state.list.total, total > 0, state.overlay == .none, !state.find.editing, !state.search.editing {
            let position = "row \(Count.grouped(state.list.selected + 1)) of \(Count.grouped(total)) "
            let positionWidth = DisplayWidth.of(position)
            if positionWidth < buffer.columns / 2 {
                width -= positionWidth + 1
                buffer.put(position, row: row, col: buffer.columns - positionWidth, style: Style(.dim))
            }
        }
        if state.find.editing {
            let end = buffer.put("/" + state.find.text, row: row, col: 1, width: buffer.columns - 2, style: Style(.input, attributes: .bold))
            buffer.cursor = Position(row: row, column: min(end, buffer.columns - 1))
        } else if state.search.editing {
            let end = buffer.put("search the store: " + state.search.text, row: row, col: 1, width: buffer.columns - 2, style: Style(.input, attributes: .bold))
            buffer.cursor = Position(row: row, column: min(end, buffer.columns - 1))
        } else if let status = state.status {
            // The "! details" hint is kept when a long error is cut.
            let hint = status.kind == .error ? "  (! details)" : ""
            let style = Style(status.kind == .error ? .error : .status, attributes: status.kind == .error ? .bold : [])
            let end = buffer.put(status.text, row: row, col: 1, width: width - 2 - DisplayWidth.of(hint), style: style)
            buffer.put(hint, row: row, col: end, width: width - 1 - end, style: style)
        } else if !state.find.text.isEmpty {
            buffer.put("find “\(state.find.text)”: \(state.keyName(.findNext)) next, \(state.keyName(.findPrevious)) previous", row: row, col: 1,
                       width: width - 2, style: Style(.status))
        } else if state.list.syncing {
            buffer.put("syncing from the provider… \(state.keyName(.back)) cancels", row: row, col: 1, width: width - 2, style: Style(.dim))
        }
        // The table's hints in its order; a command whose keys were all rebound to others has none,
        // and one that cannot act now is greyed.
        var spans: [(String, Style)] = []
        for binding in state.keys.bindings(in: state.footerContext) {
            guard let key = binding.keys.first, let hint = binding.hint else { continue }
            spans += [(spans.isEmpty ? " " : "  ", Style(.key)),
                      ("\(key) \(hint)", Style(state.disabledReason(binding) == nil ? .key : .dim))]
        }
        buffer.put(spans.isEmpty ? [(" ", Style(.key))] : spans, row: layout.footerRow, col: 0, width: buffer.columns)
    }
}
