import CallScopeKit
import CallScopeText

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
        let key = { state.keys.key(.command($0), in: .picker) }
        buffer.put("\(key(.open)) choose · \(key(.back)) close · \(key(.quit)) quit", row: rect.bottom - 2, col: rect.column + 2, width: rect.columns - 4, style: Style(.key))
    }
}

/// The filter form (`f`).
enum FilterView {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        guard let form = state.form else { return }
        let rect = Render.box("filter · \(state.account?.name ?? "")", rows: form.fields.count + 6, columns: 78, into: &buffer)
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
        let key = { state.keys.key(.edit($0), in: .filterForm) }
        buffer.put(form.plan(now: state.now), row: rect.bottom - 4, col: rect.column + 2, width: rect.columns - 4, style: Style(.status))
        // The keys first: a rebound key's longer name cuts the examples, not the keys.
        buffer.put("\(key(.choicePrevious))/\(key(.choiceNext))/space cycle ‹ › · From/To: -7d, -24h, 2026-11-14, RFC 3339, now",
                   row: rect.bottom - 3, col: rect.column + 2, width: rect.columns - 4, style: Style(.dim))
        buffer.put("\(key(.formNext))/\(key(.formPrevious)) move · \(key(.formApply)) apply · \(key(.formCancel)) cancel", row: rect.bottom - 2, col: rect.column + 2, width: rect.columns - 4, style: Style(.key))
    }
}

/// Every key of every screen, from the same table the program dispatches on: the pane's keys
/// first, then each other screen's under its name; a key that cannot act now is greyed, with why.
enum HelpView {
    enum Row: Equatable {
        case heading(String)
        case binding(Int)
        case disabled(String)
    }

    static func rows(_ state: AppState) -> [Row] {
        let bindings = state.keys.bindings
        var listed = Set<Int>()
        var rows: [Row] = []
        let contexts = [state.paneContext] + KeyContext.allCases.filter { $0 != state.paneContext }
        for context in contexts {
            let fresh = bindings.indices.filter { bindings[$0].contexts.contains(context) && !listed.contains($0) }
            guard !fresh.isEmpty else { continue }
            if !rows.isEmpty { rows.append(.heading(context.rawValue)) }
            for index in fresh {
                listed.insert(index)
                rows.append(.binding(index))
                if let reason = state.disabledReason(bindings[index]) { rows.append(.disabled(reason)) }
            }
        }
        return rows
    }

    /// Rows of keys on screen: all of them, or as many as fit (then the rest scrolls).
    static func visibleRows(_ state: AppState) -> Int {
        max(1, min(rows(state).count + 4, state.size.rows - 2) - 3)
    }

    static func maxScroll(_ state: AppState) -> Int { max(0, rows(state).count - visibleRows(state)) }

    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        let all = rows(state)
        let rect = Render.box("keys", rows: all.count + 4, columns: 72, into: &buffer)
        let top = min(state.helpScroll, maxScroll(state))
        for (n, line) in all.enumerated().dropFirst(top) {
            let row = rect.row + 1 + n - top
            guard row < rect.bottom - 2 else { break }
            switch line {
            case .heading(let title):
                buffer.put("── \(title) ──", row: row, col: rect.column + 2, width: rect.columns - 4, style: Style(.title, attributes: .bold))
            case .binding(let index):
                let binding = state.keys.bindings[index]
                let greyed = state.disabledReason(binding) != nil
                buffer.put(binding.keys.joined(separator: " "), row: row, col: rect.column + 2, width: 20,
                           style: greyed ? Style(.dim) : Style(.key, attributes: .bold))
                buffer.put(binding.description, row: row, col: rect.column + 23, width: rect.columns - 25, style: greyed ? Style(.dim) : .text)
            case .disabled(let reason):
                buffer.put("off: " + reason, row: row, col: rect.column + 23, width: rect.columns - 25, style: Style(.dim))
            }
        }
        var footer = "any key closes · keys can be rebound in the config's [keys]"
        if maxScroll(state) > 0 {
            let shown = "\(top + 1)–\(min(all.count, top + visibleRows(state)))/\(all.count)"
            buffer.put(" \(shown) ", row: rect.row, col: rect.right - DisplayWidth.of(shown) - 4, style: Style(.dim))
            let key = { state.keys.key(.command($0), in: .help) }
            footer = "\(key(.up)) \(key(.down)) \(key(.pageUp)) \(key(.pageDown)): more keys · any other key closes"
        }
        buffer.put(footer, row: rect.bottom - 2, col: rect.column + 2, width: rect.columns - 4, style: Style(.dim))
    }
}

/// The last error in full (`!`).
enum MessageView {
    static func draw(_ text: String, into buffer: inout ScreenBuffer) {
        let width = min(90, buffer.columns - 2)
        // Wrapped by display width; a word longer than a line (a run of Chinese) is split where the line ends.
        let room = max(2, width - 4)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            var clusters = CellText.clusters(of: String(word))
            while !clusters.isEmpty {
                let used = DisplayWidth.of(line), gap = line.isEmpty ? "" : " "
                let total = clusters.reduce(0) { $0 + $1.width }
                if used + gap.count + total <= room { line += gap + clusters.map(\.text).joined(); break }
                if total <= room { lines.append(line); line = ""; continue }
                var head = TextLayout.prefix(clusters, budget: room - used - gap.count).cells
                if head.isEmpty, line.isEmpty { head = [clusters[0]] }
                line += head.isEmpty ? "" : gap + head.map(\.text).joined()
                clusters.removeFirst(head.count)
                lines.append(line)
                line = ""
            }
        }
        if !line.isEmpty { lines.append(line) }
        let rect = Render.box("error", rows: lines.count + 4, columns: width, into: &buffer)
        for (n, text) in lines.enumerated() where rect.row + 1 + n < rect.bottom - 2 {
            buffer.put(text, row: rect.row + 1 + n, col: rect.column + 2, width: rect.columns - 4, style: Style(.error))
        }
        buffer.put("any key closes", row: rect.bottom - 2, col: rect.column + 2, style: Style(.dim))
    }
}
