/// A key in: the context that has it, its binding there, and the screen's handler. The one place
/// the context is derived; dispatch, the footer and help all ask `keyContext`.
extension AppState {
    /// Where keys go now.
    public var keyContext: KeyContext {
        if find.editing { return .find }
        if search.editing { return .search }
        switch overlay {
        case .none: return paneContext
        case .picker: return .picker
        case .filter: return .filterForm
        case .export: return .exportForm
        case .report: return .report
        case .help, .message: return .help
        case .editor:
            guard let editor else { return .editorNote }
            if editor.confirmingDiscard { return .discard }
            return editor.focus == .note ? .editorNote : .editorTags
        }
    }

    /// The pane under any overlay: the list, or the detail when it has the focus.
    public var paneContext: KeyContext { detail.open && detail.focus == .detail ? .detail : .list }

    /// The context whose hints the footer shows: overlays and prompts show their own keys in
    /// their box or line, so the footer keeps the pane's below them.
    public var footerContext: KeyContext { keyContext.hasFooter ? keyContext : paneContext }

    /// Why a binding cannot act now (nil: it can).
    public func disabledReason(_ binding: KeyBinding) -> String? { binding.disabledReason?(self) }

    mutating func handle(_ key: Key) -> [Effect] {
        if case .resize = key { return [] }
        let context = keyContext
        let binding = keys.binding(for: key, in: context)
        if let binding, let reason = disabledReason(binding) {
            status = StatusLine(kind: .info, text: reason)
            return []
        }
        let edit = binding?.edit, typed = key.typedCharacter
        switch context {
        case .list, .detail:
            guard let command = binding?.command else { return [] }
            return run(command, at: key.mouse?.position)
        case .picker: return handlePicker(binding?.command)
        case .help: return handleHelp(binding?.command)
        case .report: return handleReport(binding?.action)
        case .filterForm: return handleForm(edit, typed: typed)
        case .exportForm: return handleExportForm(edit, typed: typed)
        case .editorNote, .editorTags, .discard: return handleEditor(edit, typed: typed)
        case .find: return handleFind(edit, typed: typed)
        case .search: return handleSearch(edit, typed: typed)
        }
    }

    /// Help and the full error: help taller than the screen scrolls with the movement keys; any
    /// other key closes, and Ctrl-C still cancels the fetch (or quits when idle).
    mutating func handleHelp(_ command: Command?) -> [Effect] {
        if overlay == .help, HelpView.maxScroll(self) > 0, let command, let step = helpStep(command) {
            helpScroll = min(max(0, helpScroll + step), HelpView.maxScroll(self))
            return []
        }
        overlay = .none
        return command == .cancel ? run(.cancel) : []
    }
}

extension AppState {
    /// The key a browsing command is bound to in the list, as status lines name it (the config
    /// may have moved it).
    func keyName(_ command: Command) -> String { keys.key(.command(command), in: .list) }
}
