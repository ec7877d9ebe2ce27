/// The export form (`x`): the format, the path, and what the file will hold.
enum ExportView {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        guard let form = state.export.form else { return }
        // Wider on a wide terminal, for long paths.
        let rect = Render.box("export · \(form.query.account)", rows: 10, columns: min(120, max(78, buffer.columns - 40)), into: &buffer)
        let left = rect.column + 2, value = rect.column + 16, room = rect.columns - 18
        func label(_ text: String, row: Int, focused: Bool) {
            buffer.put(text, row: row, col: left, width: 13, style: Style(focused ? .key : .dim, attributes: focused ? .bold : []))
        }
        let formatFocused = form.focus == .format, pathFocused = form.focus == .path
        label("Format", row: rect.row + 1, focused: formatFocused)
        buffer.put("‹ \(form.format.rawValue) ›", row: rect.row + 1, col: value, width: 12, style: Style(formatFocused ? .inputFocus : .input), fill: true)
        label("Path", row: rect.row + 2, focused: pathFocused)
        // A long path shows its end, where it is typed.
        let end = buffer.put(form.path, row: rect.row + 2, col: value, width: room - 1, style: Style(pathFocused ? .inputFocus : .input),
                             truncation: .start, fill: true)
        if pathFocused { buffer.cursor = Position(row: rect.row + 2, column: end) }
        if let error = form.error {
            buffer.put("✗ " + error, row: rect.row + 3, col: value, width: room, style: Style(.error))
        }
        label("Calls", row: rect.row + 4, focused: false)
        buffer.put(form.what, row: rect.row + 4, col: value, width: room)
        if let note = form.note { buffer.put(note, row: rect.row + 5, col: value, width: room, style: Style(.warning)) }
        buffer.put("as `callscope calls --format \(form.format.rawValue) --offline` prints them, newest first",
                   row: rect.bottom - 4, col: left, width: rect.columns - 4, style: Style(.status))
        let key = { state.keys.key(.edit($0), in: .exportForm) }
        buffer.put("\(key(.choicePrevious))/\(key(.choiceNext))/space cycle ‹ › · \(key(.formClear)) clears the path", row: rect.bottom - 3, col: left,
                   width: rect.columns - 4, style: Style(.dim))
        buffer.put("\(key(.formNext))/\(key(.formPrevious)) move · \(key(.formApply)) export · \(key(.formCancel)) cancel", row: rect.bottom - 2, col: left, width: rect.columns - 4, style: Style(.key))
    }
}
