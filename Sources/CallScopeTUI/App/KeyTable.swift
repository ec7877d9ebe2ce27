/// What a key does. The same table drives dispatch, the help overlay and the footer hints.
public enum Command: String, Sendable, CaseIterable {
    case quit, help, redraw, cancel
    case up, down, pageUp = "page-up", pageDown = "page-down", halfPageUp = "half-page-up", halfPageDown = "half-page-down"
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

/// Where a binding applies.
public enum KeyContext: Sendable, Hashable {
    case list, detail, picker, help
}

public struct KeyBinding: Sendable, Equatable {
    public var keys: [String]
    public var command: Command
    public var description: String
    public var contexts: Set<KeyContext>
    /// The word in the footer, for the few keys a user needs to start; nil: help only.
    public var hint: String?
}

public struct KeyTable: Sendable, Equatable {
    public var bindings: [KeyBinding]

    public func command(for key: Key, in context: KeyContext) -> Command? {
        let name = key.name
        return bindings.first { $0.contexts.contains(context) && $0.keys.contains(name) }?.command
    }

    public func bindings(in context: KeyContext) -> [KeyBinding] { bindings.filter { $0.contexts.contains(context) } }

    /// The table with the config's `[keys]` applied: `command = "key"` or `"key1 key2"`.
    /// Returns the problems (unknown command, unknown key name) for the caller to report.
    public func rebinding(_ overrides: [String: String]) -> (table: KeyTable, problems: [String]) {
        var table = self
        var problems: [String] = []
        for (name, keys) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let command = Command(rawValue: name) else {
                problems.append("[keys] \(name): no such command (commands: \(Command.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            let names = keys.split(separator: " ").map(String.init)
            let bad = names.filter { Key(name: $0) == nil }
            guard bad.isEmpty, !names.isEmpty else {
                problems.append("[keys] \(name) = \"\(keys)\": unknown key name \(bad.joined(separator: ", "))")
                continue
            }
            let canonical = names.compactMap { Key(name: $0)?.name }
            for i in table.bindings.indices {
                if table.bindings[i].command == command { table.bindings[i].keys = canonical }
                // A key taken from another command leaves it (the first binding would still win).
                else { table.bindings[i].keys.removeAll { canonical.contains($0) } }
            }
        }
        return (table, problems)
    }

    static let everywhere: Set<KeyContext> = [.list, .detail]
    static let browsing: Set<KeyContext> = [.list, .detail, .picker, .help]

    public static let standard = KeyTable(bindings: [
        KeyBinding(keys: ["q"], command: .quit, description: "quit", contexts: everywhere.union([.picker]), hint: "quit"),
        KeyBinding(keys: ["?"], command: .help, description: "help: every key", contexts: browsing, hint: "help"),
        KeyBinding(keys: ["ctrl-l"], command: .redraw, description: "redraw the screen", contexts: browsing, hint: nil),
        KeyBinding(keys: ["ctrl-c"], command: .cancel, description: "cancel the fetch (quit when idle)", contexts: browsing, hint: nil),
        KeyBinding(keys: ["up", "k"], command: .up, description: "previous call / scroll up", contexts: browsing, hint: nil),
        KeyBinding(keys: ["down", "j"], command: .down, description: "next call / scroll down", contexts: browsing, hint: nil),
        KeyBinding(keys: ["pgup"], command: .pageUp, description: "page up", contexts: browsing, hint: nil),
        KeyBinding(keys: ["pgdn"], command: .pageDown, description: "page down", contexts: browsing, hint: nil),
        KeyBinding(keys: ["ctrl-u"], command: .halfPageUp, description: "half a page up", contexts: everywhere, hint: nil),
        KeyBinding(keys: ["ctrl-d"], command: .halfPageDown, description: "half a page down", contexts: everywhere, hint: nil),
        KeyBinding(keys: ["home", "g"], command: .top, description: "first call", contexts: browsing, hint: nil),
        KeyBinding(keys: ["end", "G"], command: .bottom, description: "last loaded call", contexts: browsing, hint: nil),
        KeyBinding(keys: ["enter"], command: .open, description: "open the call's detail / choose", contexts: [.list, .detail, .picker], hint: nil),
        KeyBinding(keys: ["esc"], command: .back, description: "close / cancel the fetch", contexts: browsing, hint: nil),
        KeyBinding(keys: ["tab"], command: .switchPane, description: "switch between list and detail", contexts: everywhere, hint: nil),
        KeyBinding(keys: ["v"], command: .toggleLayout, description: "detail below or beside the list", contexts: everywhere, hint: nil),
        KeyBinding(keys: ["f"], command: .filter, description: "filter: range, phone, agent, …", contexts: everywhere, hint: "filter"),
        KeyBinding(keys: ["p"], command: .accounts, description: "accounts", contexts: everywhere, hint: "accounts"),
        KeyBinding(keys: ["/"], command: .find, description: "find in the loaded calls", contexts: everywhere, hint: "find"),
        KeyBinding(keys: ["n"], command: .findNext, description: "next match", contexts: everywhere, hint: nil),
        KeyBinding(keys: ["N"], command: .findPrevious, description: "previous match", contexts: everywhere, hint: nil),
        KeyBinding(keys: ["s"], command: .sort, description: "sort by the next column", contexts: everywhere, hint: "sort"),
        KeyBinding(keys: ["S"], command: .reverseSort, description: "reverse the sort", contexts: everywhere, hint: nil),
        KeyBinding(keys: ["r"], command: .refresh, description: "refresh from the provider", contexts: everywhere, hint: "refresh"),
        KeyBinding(keys: ["R"], command: .report, description: "report: calls by disposition, agent, hour", contexts: everywhere,
                   hint: "report"),
        KeyBinding(keys: ["o"], command: .openRecording, description: "play the download, else open the URL", contexts: everywhere, hint: nil),
        KeyBinding(keys: ["d"], command: .download, description: "download the recording (d again cancels)", contexts: everywhere, hint: nil),
        KeyBinding(keys: ["x"], command: .export, description: "export the list to a file (x again cancels)", contexts: everywhere, hint: nil),
        KeyBinding(keys: ["y"], command: .copyURL, description: "copy the recording URL (OSC 52)", contexts: everywhere, hint: nil),
        KeyBinding(keys: ["e"], command: .edit, description: "edit the call's note and tags", contexts: everywhere, hint: nil),
        KeyBinding(keys: ["F", "ctrl-f"], command: .search, description: "search every cached call of the account", contexts: everywhere, hint: nil),
        KeyBinding(keys: ["!"], command: .showError, description: "the last error in full", contexts: everywhere, hint: nil),
    ])
}
