import CallScopeKit

/// The account picker (`p`): each account's provider, host, what it can do and its last result.
enum PickerView {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        let rect = Render.box("accounts", rows: state.accounts.count * 2 + 5, columns: 76, into: &buffer)
        for (n, account) in state.accounts.enumerated() {
            let row = rect.row + 2 + n * 2
            guard row + 1 < rect.bottom - 1 else { break }
            let selected = n == state.pickerSelection
            let style = selected ? Style(.selection) : Style(.text, attributes: .bold)
            buffer.put((selected ? "▶ " : "  ") + "\(account.name)  \(account.provider.rawValue)  \(account.host)", row: row, col: rect.column + 2,
                       width: rect.columns - 4, style: style, fill: true)
            var can: [String] = [account.capabilities.remoteAnnotations ? "notes/tags on the provider" : "local notes/tags"]
            if account.capabilities.push { can.append("push") }
            if let days = account.maxWindowDays { can.append("\(days)-day windows") }
            let last = account.lastResult.map { " · last: \($0)" } ?? ""
            buffer.put("    " + can.joined(separator: ", ") + last, row: row + 1, col: rect.column + 2, width: rect.columns - 4, style: Style(.dim))
        }
        buffer.put("enter choose · esc close · q quit", row: rect.bottom - 2, col: rect.column + 2, width: rect.columns - 4, style: Style(.key))
    }
}

/// The filter form (`f`).
enum FilterView {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        guard let form = state.form else { return }
        let rect = Render.box("filter · \(state.account?.name ?? "")", rows: form.fields.count + 6, columns: 72, into: &buffer)
        for (n, field) in form.fields.enumerated() {
            let row = rect.row + 1 + n
            guard row < rect.bottom - 4 else { break }
            let focused = n == form.focus
            buffer.put(field.label, row: row, col: rect.column + 2, width: 13, style: Style(focused ? .key : .dim, attributes: focused ? .bold : []))
            let value: String
            if case .choice = field.kind { value = "‹ \(field.value) ›" } else { value = field.value }
            let end = buffer.put(value, row: row, col: rect.column + 16, width: 26, style: Style(focused ? .inputFocus : .input), fill: true)
            if focused, case .text = field.kind { buffer.cursor = Position(row: row, column: min(end, rect.column + 41)) }
            if let error = field.error {
                buffer.put("✗ " + error, row: row, col: rect.column + 43, width: rect.columns - 45, style: Style(.error))
            }
        }
        buffer.put(form.plan(now: state.now), row: rect.bottom - 4, col: rect.column + 2, width: rect.columns - 4, style: Style(.status))
        buffer.put("From/To: -7d, -24h, 2026-11-14, RFC 3339, now · ‹ › cycles with ←/→/space",
                   row: rect.bottom - 3, col: rect.column + 2, width: rect.columns - 4, style: Style(.dim))
        buffer.put("tab/shift-tab move · enter apply · esc cancel", row: rect.bottom - 2, col: rect.column + 2, width: rect.columns - 4, style: Style(.key))
    }
}

/// Every key of the current screen, from the same table the program dispatches on.
enum HelpView {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        let context: KeyContext = state.detail.open && state.detail.focus == .detail ? .detail : .list
        let bindings = state.keys.bindings(in: context)
        let rect = Render.box("keys", rows: bindings.count + 4, columns: 64, into: &buffer)
        for (n, binding) in bindings.enumerated() {
            let row = rect.row + 1 + n
            guard row < rect.bottom - 2 else { break }
            buffer.put(binding.keys.joined(separator: " "), row: row, col: rect.column + 2, width: 16, style: Style(.key, attributes: .bold))
            buffer.put(binding.description, row: row, col: rect.column + 19, width: rect.columns - 21)
        }
        buffer.put("any key closes · keys can be rebound in the config's [keys]", row: rect.bottom - 2, col: rect.column + 2, width: rect.columns - 4, style: Style(.dim))
    }
}

/// The last error in full (`!`).
enum MessageView {
    static func draw(_ text: String, into buffer: inout ScreenBuffer) {
        let width = min(90, buffer.columns - 2)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if DisplayWidth.of(line) + word.count + 1 > width - 4, !line.isEmpty { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        let rect = Render.box("error", rows: lines.count + 4, columns: width, into: &buffer)
        for (n, text) in lines.enumerated() where rect.row + 1 + n < rect.bottom - 2 {
            buffer.put(text, row: rect.row + 1 + n, col: rect.column + 2, width: rect.columns - 4, style: Style(.error))
        }
        buffer.put("any key closes", row: rect.bottom - 2, col: rect.column + 2, style: Style(.dim))
    }
}
