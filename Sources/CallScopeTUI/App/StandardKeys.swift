import CallScopeKit
import Foundation

/// The keys as shipped, every screen's, in the order help lists them and the footer shows its hints.
extension KeyTable {
    static let everywhere: Set<KeyContext> = [.list, .detail]
    static let browsing: Set<KeyContext> = [.list, .detail, .picker, .help]
    /// The report is a list to choose from, moved through like the account picker.
    static let choosing: Set<KeyContext> = [.list, .detail, .picker, .help, .report]
    static let forms: Set<KeyContext> = [.filterForm, .exportForm]
    static let editor: Set<KeyContext> = [.editorNote, .editorTags]

    public static let standard = KeyTable(bindings: browsingKeys + formKeys + editorKeys + promptKeys)

    static let browsingKeys: [KeyBinding] = [
        KeyBinding(["up", "k"], .command(.up), "previous call / scroll up", choosing),
        KeyBinding(["down", "j"], .command(.down), "next call / scroll down", choosing),
        KeyBinding(["pgup"], .command(.pageUp), "page up", choosing),
        KeyBinding(["pgdn"], .command(.pageDown), "page down", choosing),
        KeyBinding(["ctrl-u"], .command(.halfPageUp), "half a page up", everywhere),
        KeyBinding(["ctrl-d"], .command(.halfPageDown), "half a page down", everywhere),
        KeyBinding(["home", "g"], .command(.top), "first call of the list", choosing),
        KeyBinding(["end", "G"], .command(.bottom), "last call of the list", choosing),
        KeyBinding(["enter"], .command(.open), "open the call's detail / choose", [.list, .detail, .picker, .report]),
        KeyBinding(["esc"], .command(.back), "close / cancel the fetch", choosing),
        KeyBinding(["tab"], .command(.switchPane), "switch between list and detail", everywhere),
        KeyBinding(["v"], .command(.toggleLayout), "detail below or beside the list", everywhere),
        KeyBinding(["left"], .edit(.reportLeft), "the disposition beside the direction", [.report]),
        KeyBinding(["right"], .edit(.reportRight), "the direction beside the disposition", [.report]),
        KeyBinding(["f"], .command(.filter), "filter: range, phone, agent, …", everywhere, hint: "filter"),
        KeyBinding(["p"], .command(.accounts), "accounts", everywhere, hint: "accounts"),
        KeyBinding(["/"], .command(.find), "find in the whole list", everywhere, hint: "find",
                   disabledReason: { $0.list.total == 0 ? "no calls to find in" : nil }),
        KeyBinding(["n"], .command(.findNext), "next match", everywhere, disabledReason: nothingToFind),
        KeyBinding(["N"], .command(.findPrevious), "previous match", everywhere, disabledReason: nothingToFind),
        KeyBinding(["F", "ctrl-f"], .command(.search), "search every cached call of the account", everywhere),
        KeyBinding(["s"], .command(.sort), "sort by the next column", everywhere, hint: "sort"),
        KeyBinding(["S"], .command(.reverseSort), "reverse the sort", everywhere),
        KeyBinding(["r"], .command(.refresh), "refresh from the provider", everywhere, hint: "refresh"),
        KeyBinding(["R"], .command(.report), "report: calls by disposition, agent, hour", everywhere.union([.report]), hint: "report"),
        KeyBinding(["o"], .command(.openRecording), "play the download, else open the URL", everywhere, disabledReason: noRecording),
        KeyBinding(["d"], .command(.download), "download the recording (again: cancel it)", everywhere, disabledReason: noRecording),
        KeyBinding(["y"], .command(.copyURL), "copy the recording URL (OSC 52)", everywhere, disabledReason: noRecording),
        KeyBinding(["x"], .command(.export), "export the list to a file (again: cancel it)", everywhere),
        KeyBinding(["e"], .command(.edit), "edit the call's note and tags", everywhere,
                   disabledReason: { $0.readOnly ? CallScopeError.readOnlyReason : nil }),
        KeyBinding(["!"], .command(.showError), "the last error in full", everywhere,
                   disabledReason: { $0.status?.kind == .error ? nil : "no error to show" }),
        KeyBinding(["ctrl-l"], .command(.redraw), "redraw the screen", browsing),
        KeyBinding(["ctrl-c"], .command(.cancel), "cancel the fetch (quit when idle)", choosing),
        KeyBinding(["?"], .command(.help), "help: every key", browsing, hint: "help"),
        KeyBinding(["q"], .command(.quit), "quit", [.list, .detail, .picker, .report], hint: "quit"),
        KeyBinding(["wheel-up"], .command(.scrollUp), "three calls up", everywhere),
        KeyBinding(["wheel-down"], .command(.scrollDown), "three calls down", everywhere),
        KeyBinding(["click"], .command(.selectAt), "select the call clicked, or focus the detail", everywhere),
    ]

    static let formKeys: [KeyBinding] = [
        KeyBinding(["tab", "down"], .edit(.formNext), "next field", forms),
        KeyBinding(["shift-tab", "up"], .edit(.formPrevious), "previous field", forms),
        KeyBinding(["left"], .edit(.choicePrevious), "previous choice ‹ ›", forms),
        KeyBinding(["right"], .edit(.choiceNext), "next choice ‹ › (space too)", forms),
        KeyBinding(["backspace"], .edit(.formDelete), "delete the character before the cursor", forms),
        KeyBinding(["ctrl-u"], .edit(.formClear), "clear the path", [.exportForm]),
        KeyBinding(["enter"], .edit(.formApply), "apply the filter and fetch", [.filterForm]),
        KeyBinding(["enter"], .edit(.formApply), "export to the file", [.exportForm]),
        KeyBinding(["esc"], .edit(.formCancel), "cancel", forms),
    ]

    static let editorKeys: [KeyBinding] = [
        KeyBinding(["ctrl-s"], .edit(.editorSave), "save the note and tags", editor),
        KeyBinding(["esc"], .edit(.editorClose), "close (asks first when changed)", editor),
        KeyBinding(["tab", "shift-tab"], .edit(.editorSwitch), "to the tags", [.editorNote]),
        KeyBinding(["shift-tab"], .edit(.editorSwitch), "back to the note", [.editorTags]),
        KeyBinding(["tab"], .edit(.editorComplete), "complete the tag, else back to the note", [.editorTags]),
        KeyBinding(["enter"], .edit(.editorNewline), "new line", [.editorNote]),
        KeyBinding(["enter"], .edit(.editorAddTag), "add the typed tag (space and , too)", [.editorTags]),
        KeyBinding(["backspace"], .edit(.editorDelete), "delete the character before the cursor", [.editorNote]),
        KeyBinding(["backspace"], .edit(.editorDelete), "delete a character, else the last tag", [.editorTags]),
        KeyBinding(["delete"], .edit(.editorDeleteForward), "delete the character at the cursor", [.editorNote]),
        KeyBinding(["left"], .edit(.cursorLeft), "cursor left", [.editorNote]),
        KeyBinding(["right"], .edit(.cursorRight), "cursor right", [.editorNote]),
        KeyBinding(["up"], .edit(.cursorUp), "line up", [.editorNote]),
        KeyBinding(["up"], .edit(.cursorUp), "back to the note", [.editorTags]),
        KeyBinding(["down"], .edit(.cursorDown), "line down", [.editorNote]),
        KeyBinding(["ctrl-left", "alt-left"], .edit(.wordLeft), "to the start of the word", [.editorNote]),
        KeyBinding(["ctrl-right", "alt-right"], .edit(.wordRight), "past the end of the word", [.editorNote]),
        KeyBinding(["home", "ctrl-a"], .edit(.lineStart), "start of the line", [.editorNote]),
        KeyBinding(["end", "ctrl-e"], .edit(.lineEnd), "end of the line", [.editorNote]),
        KeyBinding(["ctrl-home", "pgup"], .edit(.noteStart), "start of the note", [.editorNote]),
        KeyBinding(["ctrl-end", "pgdn"], .edit(.noteEnd), "end of the note", [.editorNote]),
        KeyBinding(["ctrl-u"], .edit(.deleteToLineStart), "delete to the start of the line", [.editorNote]),
        KeyBinding(["ctrl-k"], .edit(.deleteToLineEnd), "delete to the end of the line", [.editorNote]),
        KeyBinding(["y", "Y"], .edit(.discardYes), "discard the changes and close", [.discard]),
        KeyBinding(["n", "N", "esc"], .edit(.discardNo), "keep editing", [.discard]),
    ]

    static let promptKeys: [KeyBinding] = [
        KeyBinding(["enter"], .edit(.findAccept), "keep the match", [.find]),
        KeyBinding(["esc"], .edit(.findCancel), "clear the find", [.find]),
        KeyBinding(["backspace"], .edit(.findDelete), "delete the last character", [.find]),
        KeyBinding(["enter"], .edit(.searchAccept), "search every cached call of the account", [.search]),
        KeyBinding(["esc"], .edit(.searchCancel), "close without searching", [.search]),
        KeyBinding(["backspace"], .edit(.searchDelete), "delete the last character", [.search]),
    ]

    /// `o`, `d` and `y` need a recording at an http(s) URL: nothing else is opened, fetched or copied.
    @Sendable static func noRecording(_ state: AppState) -> String? {
        guard let url = state.selectedCall?.recordingURL else { return "this call has no recording" }
        return WebURL.refusal(url)
    }

    @Sendable static func nothingToFind(_ state: AppState) -> String? {
        state.find.text.trimmingCharacters(in: .whitespaces).isEmpty ? "nothing to find: / first" : nil
    }
}
