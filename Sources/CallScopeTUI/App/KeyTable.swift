/// What a key (or the mouse) does on the list, the detail pane, the picker, the report and help.
/// The same table drives dispatch, the help overlay and the footer hints.
public enum Command: String, Sendable, CaseIterable {
    case quit, help, redraw, cancel
    case up, down, pageUp = "page-up", pageDown = "page-down", halfPageUp = "half-page-up", halfPageDown = "half-page-down"
    /// The mouse wheel's step; the row or pane under the pointer.
    case scrollUp = "scroll-up", scrollDown = "scroll-down", selectAt = "select-at"
    case top, bottom
    case open, back
    case switchPane = "switch-pane", toggleLayout = "toggle-layout"
    case filter, accounts, find, findNext = "find-next", findPrevious = "find-previous"
    case sort, reverseSort = "reverse-sort", refresh
    case openRecording = "open-recording", copyURL = "copy-url"
    case showError = "show-error"
    case edit, search, report
    case download
    case export
}

/// What a key does where typing is text (the filter and export forms, the note and tag editor,
/// the find and search prompts) and in the editor's "discard changes?" and the report's columns.
/// Only keys that type nothing are bound here by default: a printable key types itself unless the
/// config binds it.
public enum EditCommand: String, Sendable, CaseIterable {
    // The filter and export forms.
    case formNext = "form-next", formPrevious = "form-previous", formApply = "form-apply", formCancel = "form-cancel"
    case choicePrevious = "choice-previous", choiceNext = "choice-next"
    case formDelete = "form-delete", formClear = "form-clear"
    // The editor.
    case editorSave = "editor-save", editorClose = "editor-close", editorSwitch = "editor-switch", editorComplete = "editor-complete"
    case editorNewline = "editor-newline", editorAddTag = "editor-add-tag"
    case editorDelete = "editor-delete", editorDeleteForward = "editor-delete-forward"
    case cursorLeft = "cursor-left", cursorRight = "cursor-right", cursorUp = "cursor-up", cursorDown = "cursor-down"
    case wordLeft = "word-left", wordRight = "word-right", lineStart = "line-start", lineEnd = "line-end"
    case noteStart = "note-start", noteEnd = "note-end"
    case deleteToLineStart = "delete-to-line-start", deleteToLineEnd = "delete-to-line-end"
    case discardYes = "discard-yes", discardNo = "discard-no"
    // The find prompt (`/`) and the search prompt (`F`).
    case findAccept = "find-accept", findCancel = "find-cancel", findDelete = "find-delete"
    case searchAccept = "search-accept", searchCancel = "search-cancel", searchDelete = "search-delete"
    // The report: between a disposition and the direction beside it.
    case reportLeft = "report-left", reportRight = "report-right"
}

/// What a binding sends: a command of the browsing screens or of a text-entry one. Its name is
/// the one the config's `[keys]` uses.
public enum KeyAction: Sendable, Hashable {
    case command(Command)
    case edit(EditCommand)

    public var name: String {
        switch self {
        case .command(let command): command.rawValue
        case .edit(let edit): edit.rawValue
        }
    }

    public init?(name: String) {
        if let command = Command(rawValue: name) { self = .command(command) }
        else if let edit = EditCommand(rawValue: name) { self = .edit(edit) }
        else { return nil }
    }

    static var allNames: [String] { Command.allCases.map(\.rawValue) + EditCommand.allCases.map(\.rawValue) }
}

/// Where a binding applies: every screen and overlay has one. `AppState.keyContext` says which
/// one has the keys now.
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    case list, detail, picker = "accounts", help, report
    case filterForm = "filter form", exportForm = "export form"
    case editorNote = "editor: note", editorTags = "editor: tags", discard = "editor: discard changes?"
    case find = "find prompt", search = "search prompt"

    /// The screens whose own keys the footer shows; over the others it shows the pane's below.
    var hasFooter: Bool { self == .list || self == .detail || self == .picker }
}

public struct KeyBinding: Sendable {
    public var keys: [String]
    public var action: KeyAction
    public var description: String
    public var contexts: Set<KeyContext>
    /// The word in the footer, for the few keys a user needs to start; nil: help only.
    public var hint: String?
    /// Why the binding cannot act in this state (nil: it can). A disabled key only says why in
    /// the status line; the footer and help show it greyed.
    public var disabledReason: (@Sendable (AppState) -> String?)?

    init(_ keys: [String], _ action: KeyAction, _ description: String, _ contexts: Set<KeyContext>, hint: String? = nil,
         disabledReason: (@Sendable (AppState) -> String?)? = nil) {
        self.keys = keys
        self.action = action
        self.description = description
        self.contexts = contexts
        self.hint = hint
        self.disabledReason = disabledReason
    }

    public var command: Command? {
        if case .command(let command) = action { return command }
        return nil
    }

    public var edit: EditCommand? {
        if case .edit(let edit) = action { return edit }
        return nil
    }
}

public struct KeyTable: Sendable {
    public var bindings: [KeyBinding]

    public func binding(for key: Key, in context: KeyContext) -> KeyBinding? {
        let name = key.name
        if let binding = bindings.first(where: { $0.contexts.contains(context) && $0.keys.contains(name) }) { return binding }
        // Terminals differ in which modifiers they report with the mouse: a modified mouse event
        // no binding names acts as the plain one.
        guard case .mouse(var event) = key, !event.modifiers.isEmpty else { return nil }
        event.modifiers = []
        return binding(for: .mouse(event), in: context)
    }

    public func command(for key: Key, in context: KeyContext) -> Command? { binding(for: key, in: context)?.command }

    public func bindings(in context: KeyContext) -> [KeyBinding] { bindings.filter { $0.contexts.contains(context) } }

    /// The first key of an action in a context, as an overlay's line of keys names it ("none"
    /// when the config took all its keys).
    public func key(_ action: KeyAction, in context: KeyContext) -> String {
        bindings.first { $0.action == action && $0.contexts.contains(context) }?.keys.first ?? "none"
    }

    /// The table with the config's `[keys]` applied: `action = "key"` or `"key1 key2"`.
    /// Returns the problems (unknown action, unknown key name) for the caller to report.
    public func rebinding(_ overrides: [String: String]) -> (table: KeyTable, problems: [String]) {
        var table = self
        var problems: [String] = []
        for (name, keys) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let action = KeyAction(name: name) else {
                problems.append("[keys] \(name): no such command (commands: \(KeyAction.allNames.joined(separator: ", ")))")
                continue
            }
            let names = keys.split(separator: " ").map(String.init)
            let bad = names.filter { Key(name: $0) == nil }
            guard bad.isEmpty, !names.isEmpty else {
                problems.append("[keys] \(name) = \"\(keys)\": unknown key name \(bad.joined(separator: ", "))")
                continue
            }
            let canonical = names.compactMap { Key(name: $0)?.name }
            let contexts = table.bindings.filter { $0.action == action }.reduce(into: Set<KeyContext>()) { $0.formUnion($1.contexts) }
            for i in table.bindings.indices {
                if table.bindings[i].action == action { table.bindings[i].keys = canonical }
                // A key taken from another action where both apply leaves it (the first binding would still win).
                else if !table.bindings[i].contexts.isDisjoint(with: contexts) { table.bindings[i].keys.removeAll { canonical.contains($0) } }
            }
        }
        return (table, problems)
    }
}
