import CallScopeText
/// The tag/note editor (`e`): the note's lines with the cursor, the tags as chips, the keys.
enum EditorView {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        guard let editor = state.editor else { return }
        let rect = Render.box("edit · \(editor.callID)", rows: max(12, buffer.rows - 4), columns: 76, into: &buffer)
        let left = rect.column + 2, width = rect.columns - 4
        let noteFocused = editor.focus == .note
        buffer.put("Note", row: rect.row + 1, col: left, style: Style(noteFocused ? .key : .dim, attributes: noteFocused ? .bold : []))
        // Rows: title, "Note", the note…, "Tags", chips, suggestions, keys, border.
        let noteTop = rect.row + 2
        let noteRows = max(1, rect.rows - 8)
        let lines = editor.lineRanges
        let (cursorLine, cursorColumn) = editor.cursorLineColumn
        let firstLine = max(0, cursorLine - noteRows + 1)
        for n in 0..<noteRows {
            let row = noteTop + n
            buffer.fill(Rect(row: row, column: left, rows: 1, columns: width), style: Style(noteFocused ? .inputFocus : .input))
            let index = firstLine + n
            guard lines.indices.contains(index) else { continue }
            var text = Array(editor.note[lines[index]])
            // The cursor's line scrolls sideways to keep the cursor in view.
            var before = cursorColumn
            if index == cursorLine {
                while before > 0, DisplayWidth.of(String(text.prefix(before))) > width - 1 {
                    text.removeFirst()
                    before -= 1
                }
            }
            let end = buffer.put(String(text), row: row, col: left, width: width, style: Style(noteFocused ? .inputFocus : .input))
            if index == cursorLine, noteFocused {
                buffer.cursor = Position(row: row, column: min(left + DisplayWidth.of(String(text.prefix(before))), end, left + width - 1))
            }
        }
        let tagsRow = noteTop + noteRows
        buffer.put("Tags", row: tagsRow, col: left, style: Style(noteFocused ? .dim : .key, attributes: noteFocused ? [] : .bold))
        var x = left
        let chipsRow = tagsRow + 1
        for tag in editor.tags {
            x = buffer.put("[\(tag)]", row: chipsRow, col: x, width: left + width - x, style: Style(.tag, attributes: .bold)) + 1
        }
        let end = buffer.put(editor.tagInput, row: chipsRow, col: x, width: max(0, left + width - x), style: Style(noteFocused ? .input : .inputFocus), fill: true)
        if !noteFocused { buffer.cursor = Position(row: chipsRow, column: min(end, left + width - 1)) }
        if !noteFocused, !editor.suggestions.isEmpty {
            buffer.put("tab: " + editor.suggestions.prefix(8).joined(separator: "  "), row: chipsRow + 1, col: left, width: width, style: Style(.dim))
        }
        let keysRow = rect.bottom - 2
        if editor.confirmingDiscard {
            let key = { state.keys.key(.edit($0), in: .discard) }
            buffer.put("discard changes? \(key(.discardYes))/\(key(.discardNo))", row: keysRow, col: left, width: width, style: Style(.warning, attributes: .bold))
            buffer.cursor = nil
        } else if editor.saving {
            buffer.put("saving…", row: keysRow, col: left, width: width, style: Style(.status))
        } else {
            let context: KeyContext = noteFocused ? .editorNote : .editorTags
            let key = { state.keys.key(.edit($0), in: context) }
            let keys = "\(key(.editorSave)) save · \(key(.editorClose)) close · " + (noteFocused
                ? "\(key(.editorSwitch)) tags · \(key(.editorNewline)) new line · ctrl-←/→ words"
                : "\(key(.editorAddTag))/space add · \(key(.editorComplete)) complete · ⌫ remove")
            buffer.put(keys, row: keysRow, col: left, width: width, style: Style(.key))
        }
    }
}
