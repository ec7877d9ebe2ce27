import CallScopeKit

/// The tag/note editor (`e`): a multi-line note and the call's tags as chips.
public struct EditorState: Sendable, Equatable {
    public enum Field: Sendable, Equatable { case note, tags }

    public let account: String
    public let callID: String
    /// The note as characters (grapheme clusters), so a wide or composed character is one step.
    public var note: [Character]
    /// Where the next character goes, an index into `note`.
    public var cursor: Int
    public var tags: [String]
    /// The tag being typed.
    public var tagInput = ""
    public var focus: Field = .note
    /// Tags already seen on the account, for Tab completion.
    public var knownTags: [String] = []
    /// Esc on a changed editor asks "discard changes? y/n".
    public var confirmingDiscard = false
    /// Ctrl-S pressed; waiting for the save to report back.
    public var saving = false
    let originalNote: String
    let originalTags: [String]

    public init(account: String, callID: String, note: String, tags: [String], knownTags: [String] = []) {
        self.account = account
        self.callID = callID
        self.note = Array(note)
        self.cursor = self.note.count
        self.tags = tags
        self.knownTags = knownTags
        originalNote = note
        originalTags = tags
    }

    public var noteText: String { String(note) }

    /// The tags as they would be saved: the chips plus a tag still being typed.
    public var savedTags: [String] {
        let typed = tagInput.trimmingCharacters(in: .whitespaces)
        return typed.isEmpty || tags.contains(typed) ? tags : tags + [typed]
    }

    public var changed: Bool { noteText != originalNote || savedTags != originalTags }

    // MARK: The note

    /// The note's lines, each as the range of `note` it covers (without the newline).
    var lineRanges: [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        for (i, c) in note.enumerated() where c == "\n" {
            out.append(start..<i)
            start = i + 1
        }
        out.append(start..<note.count)
        return out
    }

    /// The cursor as (line, column in characters).
    public var cursorLineColumn: (line: Int, column: Int) {
        let ranges = lineRanges
        for (n, r) in ranges.enumerated() where cursor <= r.upperBound { return (n, cursor - r.lowerBound) }
        return (ranges.count - 1, cursor - ranges[ranges.count - 1].lowerBound)
    }

    mutating func insert(_ c: Character) {
        note.insert(c, at: cursor)
        cursor += 1
    }

    mutating func deleteBackward() {
        guard cursor > 0 else { return }
        note.remove(at: cursor - 1)
        cursor -= 1
    }

    mutating func deleteForward() {
        guard cursor < note.count else { return }
        note.remove(at: cursor)
    }

    mutating func moveVertically(by delta: Int) {
        let ranges = lineRanges
        let (line, column) = cursorLineColumn
        let target = line + delta
        guard ranges.indices.contains(target) else {
            cursor = delta < 0 ? 0 : note.count
            return
        }
        cursor = ranges[target].lowerBound + min(column, ranges[target].count)
    }

    mutating func lineStart() { cursor = lineRanges[cursorLineColumn.line].lowerBound }
    mutating func lineEnd() { cursor = lineRanges[cursorLineColumn.line].upperBound }

    static func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    /// Ctrl-right: past the end of this (or the next) word.
    mutating func wordRight() {
        while cursor < note.count, !Self.isWord(note[cursor]) { cursor += 1 }
        while cursor < note.count, Self.isWord(note[cursor]) { cursor += 1 }
    }

    /// Ctrl-left: to the start of this (or the previous) word.
    mutating func wordLeft() {
        while cursor > 0, !Self.isWord(note[cursor - 1]) { cursor -= 1 }
        while cursor > 0, Self.isWord(note[cursor - 1]) { cursor -= 1 }
    }

    // MARK: Tags

    /// Enter or space in the tags field: the typed text becomes a chip.
    mutating func addTypedTag() {
        let typed = tagInput.trimmingCharacters(in: .whitespaces)
        tagInput = ""
        guard !typed.isEmpty, !tags.contains(typed) else { return }
        tags.append(typed)
    }

    /// Tab in the tags field: the first known tag starting with what is typed (not already a chip).
    mutating func completeTag() -> Bool {
        let typed = tagInput.lowercased()
        guard !typed.isEmpty,
              let match = knownTags.first(where: { $0.lowercased().hasPrefix(typed) && $0.count > typed.count && !tags.contains($0) })
                ?? knownTags.first(where: { $0.lowercased() == typed && !tags.contains($0) })
        else { return false }
        tagInput = match
        return true
    }

    /// The known tags that complete what is typed, shown under the field.
    public var suggestions: [String] {
        let typed = tagInput.lowercased()
        return knownTags.filter { !tags.contains($0) && (typed.isEmpty || $0.lowercased().hasPrefix(typed)) }
    }
}

extension AppState {
    /// `e`: the editor on the selected call.
    mutating func openEditor() -> [Effect] {
        guard let account, let call = selectedCall else { return [] }
        editor = EditorState(account: account.name, callID: call.id, note: call.note ?? "", tags: call.tags, knownTags: knownTags)
        overlay = .editor
        return [.loadKnownTags(account: account.name)]
    }

    mutating func handleEditor(_ key: Key) -> [Effect] {
        guard var editor else { overlay = .none; return [] }
        defer { self.editor = overlay == .editor ? editor : nil }
        if editor.saving { return [] }
        if editor.confirmingDiscard {
            switch key {
            case .char("y"), .char("Y"): overlay = .none
            case .char("n"), .char("N"), .escape: editor.confirmingDiscard = false
            default: break
            }
            return []
        }
        switch key {
        case .escape:
            if editor.changed { editor.confirmingDiscard = true } else { overlay = .none }
            return []
        case .ctrl("s"):
            editor.addTypedTag()
            editor.saving = true
            return [.save(account: editor.account, callID: editor.callID, note: editor.noteText, tags: editor.tags)]
        case .ctrl("c"):
            return []
        case .backTab:
            editor.focus = editor.focus == .note ? .tags : .note
            return []
        default: break
        }
        switch editor.focus {
        case .note:
            switch key {
            case .tab: editor.focus = .tags
            case .char(let c): editor.insert(c)
            case .enter: editor.insert("\n")
            case .backspace: editor.deleteBackward()
            case .delete: editor.deleteForward()
            case .left: editor.cursor = max(0, editor.cursor - 1)
            case .right: editor.cursor = min(editor.note.count, editor.cursor + 1)
            case .up: editor.moveVertically(by: -1)
            case .down: editor.moveVertically(by: 1)
            case .ctrl("u"):
                // Deletes to the start of the line.
                let end = editor.cursor
                editor.lineStart()
                editor.note.removeSubrange(editor.cursor..<end)
            case .ctrl("k"):
                // Deletes to the end of the line.
                let start = editor.cursor
                editor.lineEnd()
                editor.note.removeSubrange(start..<editor.cursor)
                editor.cursor = start
            case .home, .ctrl("a"): editor.lineStart()
            case .end, .ctrl("e"): editor.lineEnd()
            case .modified(.left, let mods) where mods.contains(.ctrl) || mods.contains(.alt): editor.wordLeft()
            case .modified(.right, let mods) where mods.contains(.ctrl) || mods.contains(.alt): editor.wordRight()
            case .modified(.home, _), .pageUp: editor.cursor = 0
            case .modified(.end, _), .pageDown: editor.cursor = editor.note.count
            default: break
            }
        case .tags:
            switch key {
            case .tab: if !editor.completeTag() { editor.focus = .note }
            case .enter, .char(" "), .char(","): editor.addTypedTag()
            case .char(let c): editor.tagInput.append(c)
            case .backspace:
                if editor.tagInput.isEmpty { if !editor.tags.isEmpty { editor.tags.removeLast() } } else { editor.tagInput.removeLast() }
            case .up: editor.focus = .note
            default: break
            }
        }
        return []
    }

    /// The save reported back: the call shows what was saved either way (a failed send keeps the
    /// edit pending in the store), and the pane shows where it stands.
    mutating func editSaved(callID: String, note: String, tags: [String], record: CallRecord?, state: String, error: String?) {
        // The editor closes either way; reopened, it shows the saved text.
        if editor?.callID == callID {
            overlay = .none
            editor = nil
        }
        for i in list.calls.indices where list.calls[i].id == callID {
            if let record { list.calls[i] = record }
            list.calls[i].note = note.isEmpty ? nil : note
            list.calls[i].tags = tags
        }
        annotationStates[callID] = state
        for tag in tags where !knownTags.contains(tag) { knownTags.append(tag) }
        status = error.map { StatusLine(kind: .error, text: "not sent, kept as pending: \($0)") }
            ?? StatusLine(kind: .info, text: "saved: \(state)")
    }
}
