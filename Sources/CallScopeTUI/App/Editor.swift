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

    // MARK: Keys

    /// A printable key: a character of the note, or of the tag being typed (where space and `,`
    /// end the tag instead).
    mutating func type(_ c: Character) {
        switch focus {
        case .note: insert(c)
        case .tags:
            if c == " " || c == "," { addTypedTag() } else { tagInput.append(c) }
        }
    }

    /// An editing key of the note or the tags field (the key table keeps each to its field).
    mutating func apply(_ command: EditCommand) {
        switch command {
        case .editorSwitch: focus = focus == .note ? .tags : .note
        case .editorComplete: if !completeTag() { focus = .note }
        case .editorNewline: insert("\n")
        case .editorAddTag: addTypedTag()
        case .editorDelete where focus == .tags:
            if tagInput.isEmpty { if !tags.isEmpty { tags.removeLast() } } else { tagInput.removeLast() }
        case .editorDelete: deleteBackward()
        case .editorDeleteForward: deleteForward()
        case .cursorLeft: cursor = max(0, cursor - 1)
        case .cursorRight: cursor = min(note.count, cursor + 1)
        case .cursorUp where focus == .tags: focus = .note
        case .cursorUp: moveVertically(by: -1)
        case .cursorDown: moveVertically(by: 1)
        case .deleteToLineStart:
            let end = cursor
            lineStart()
            note.removeSubrange(cursor..<end)
        case .deleteToLineEnd:
            let start = cursor
            lineEnd()
            note.removeSubrange(start..<cursor)
            cursor = start
        case .lineStart: lineStart()
        case .lineEnd: lineEnd()
        case .wordLeft: wordLeft()
        case .wordRight: wordRight()
        case .noteStart: cursor = 0
        case .noteEnd: cursor = note.count
        default: break
        }
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

    mutating func handleEditor(_ command: EditCommand?, typed: Character?) -> [Effect] {
        guard var editor else { overlay = .none; return [] }
        defer { self.editor = overlay == .editor ? editor : nil }
        if editor.saving { return [] }
        switch command {
        case .discardYes?: overlay = .none
        case .discardNo?: editor.confirmingDiscard = false
        case .editorClose?:
            if editor.changed { editor.confirmingDiscard = true } else { overlay = .none }
        case .editorSave?:
            editor.addTypedTag()
            editor.saving = true
            return [.save(account: editor.account, callID: editor.callID, note: editor.noteText, tags: editor.tags)]
        case let command?: editor.apply(command)
        case nil:
            if let typed, !editor.confirmingDiscard { editor.type(typed) }
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
