import CallScopeKit
import CallScopeText
import Foundation

/// The only place state changes: an action in, the new state and the work to do out.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .key(let key): return state.handle(key)
    case .resized(let size):
        state.size = size
        state.keepSelectionVisible()
        return []
    case .windowRead(let read, let window): return state.windowRead(read, window)
    case .windowFailed(let read, let message):
        guard read == state.list.read?.id else { return [] }
        state.list.read = nil
        state.status = StatusLine(kind: .error, text: "the store: \(message)")
        return []
    case .listCounted(let list, let total): return state.listCounted(list, total: total)
    case .listCountFailed(let list, let message):
        guard list == state.list.id else { return [] }
        state.status = StatusLine(kind: .error, text: "the store: counting the list: \(message)")
        return []
    case .syncProgress(let sync, let progress): return state.syncProgress(sync, progress)
    case .syncFinished(let sync, let calls): return state.syncFinished(sync, calls: calls)
    case .syncFailed(let sync, let message): return state.syncFailed(sync, message: message)
    case .storeChanged(let account):
        guard account == nil || account == state.account?.name else { return [] }
        return state.refreshWindow()
    case .conversationLoaded(let id, let text):
        state.detail.conversations[id] = text
        return []
    case .recordLoaded(let record):
        if record.callID == state.selectedCall?.id { state.detail.record = record }
        return []
    case .storeLost(let reason):
        state.status = StatusLine(kind: .error, text: "\(reason); reconnecting")
        return []
    case .storeBack:
        if state.status?.text.hasSuffix("; reconnecting") == true { state.status = StatusLine(kind: .info, text: "the store is back") }
        return []
    case .knownTagsLoaded(let account, let tags):
        guard account == state.account?.name else { return [] }
        state.knownTags = tags
        state.editor?.knownTags = tags
        return []
    case .annotationStateLoaded(let id, let text):
        state.annotationStates[id] = text
        return []
    case .editSaved(let id, let note, let tags, let record, let text, let error):
        state.editSaved(callID: id, note: note, tags: tags, record: record, state: text, error: error)
        return []
    case .downloadProgress, .downloadFinished, .downloadFailed, .downloadsLoaded, .downloadedFileMissing, .openFailed:
        return state.reduceDownload(action)
    case .reportUpdated(let id, let progress):
        state.reportUpdated(id: id, progress)
        return []
    case .exportUpdated(let id, let stage):
        state.exportUpdated(id: id, stage)
        return []
    case .tick:
        if state.list.syncing { state.list.spinner += 1 }
        return []
    case .followTick: return state.followTick()
    case .signal(let signal):
        switch signal {
        case .interrupt: return state.run(.cancel)
        case .terminate, .hangup: return state.run(.quit)
        }
    }
}

extension AppState {
    var layout: Layout { Layout(self) }

    // MARK: Commands

    /// `position`: where the mouse event that sent the command was (`selectAt` needs one).
    mutating func run(_ command: Command, at position: Position? = nil) -> [Effect] {
        let page = layout.visibleRows
        let inDetail = paneContext == .detail
        switch command {
        case .quit:
            quitting = true
            return (list.sync.map { [.cancelSync(id: $0.id)] } ?? []) + [.quit]
        case .cancel:
            if list.syncing { return cancelSync() }
            return run(.quit)
        case .help:
            overlay = .help
            helpScroll = 0
        case .redraw: return [.redraw]
        case .up: return inDetail ? scrollDetail(by: -1) : moveSelection(by: -1)
        case .down: return inDetail ? scrollDetail(by: 1) : moveSelection(by: 1)
        case .pageUp: return inDetail ? scrollDetail(by: -page) : moveSelection(by: -page)
        case .pageDown: return inDetail ? scrollDetail(by: page) : moveSelection(by: page)
        case .halfPageUp: return inDetail ? scrollDetail(by: -page / 2) : moveSelection(by: -max(1, page / 2))
        case .halfPageDown: return inDetail ? scrollDetail(by: page / 2) : moveSelection(by: max(1, page / 2))
        case .top: return inDetail ? scrollDetail(by: -detail.scroll) : jumpToFirst()
        case .bottom: return inDetail ? scrollDetail(by: 1_000_000) : jumpToLast()
        case .scrollUp: return moveSelection(by: -3)
        case .scrollDown: return moveSelection(by: 3)
        case .selectAt: return position.map { select(at: $0) } ?? []
        case .open:
            guard selectedCall != nil else { return [] }
            if detail.open { detail.focus = .detail; return [] }
            detail.open = true
            detail.scroll = 0
            keepSelectionVisible()
            return loadExtras()
        case .back:
            if list.syncing { return cancelSync() }
            if detail.open, detail.focus == .detail { detail.focus = .list }
            else if detail.open { detail.open = false; keepSelectionVisible() }
            else if !find.text.isEmpty { find.text = "" }
            else if search.active != nil { return startFetch() }
            else if let effects = undoDrillDown() { return effects }
        case .switchPane:
            if detail.open { detail.focus = detail.focus == .list ? .detail : .list }
        case .toggleLayout:
            detail.sideBySide = !(detail.sideBySide ?? (size.columns >= Layout.wideColumns))
            keepSelectionVisible()
        case .filter:
            guard let account else { overlay = .picker; return [] }
            var form = FilterForm(values: filter, account: account)
            form.validate(now: now)
            self.form = form
            overlay = .filter
        case .accounts:
            pickerSelection = current ?? 0
            overlay = .picker
        case .find:
            find.editing = true
            find.text = ""
        case .findNext: return find(forward: true, includingSelected: false)
        case .findPrevious: return find(forward: false, includingSelected: false)
        case .sort:
            let all = SortKey.allCases
            let next = all[(all.firstIndex(of: list.sort)! + 1) % all.count]
            return resort(by: next, ascending: next != .time && next != .talk)
        case .reverseSort:
            return resort(by: list.sort, ascending: !list.ascending)
        case .refresh: return resync()
        case .openRecording: return openRecording()
        case .download: return toggleDownload()
        case .copyURL:
            guard let url = selectedCall?.recordingURL, allowed(url) else { return [] }
            status = StatusLine(kind: .info, text: "recording URL copied to the clipboard")
            return [.copy(url)]
        case .showError:
            overlay = .message
        case .edit: return openEditor()
        case .search:
            guard account != nil else { overlay = .picker; return [] }
            search.editing = true
            search.text = ""
        case .report: return openReport()
        case .export: return toggleExport()
        }
        return []
    }

    /// How far a movement key scrolls help.
    func helpStep(_ command: Command) -> Int? {
        let page = HelpView.visibleRows(self)
        switch command {
        case .up: return -1
        case .down: return 1
        case .pageUp, .halfPageUp: return -page
        case .pageDown, .halfPageDown: return page
        case .top: return -1_000_000
        case .bottom: return 1_000_000
        default: return nil
        }
    }

    mutating func scrollDetail(by delta: Int) -> [Effect] {
        // Not past the last screenful, so the way back up starts at once.
        let height = max(1, (layout.detail?.rows ?? 1) - 1)
        let lines = selectedCall.map { DetailView.lines($0, state: self).count } ?? 0
        detail.scroll = min(max(0, detail.scroll + delta), max(0, lines - height))
        return []
    }

    /// A click: on a call of the list, selects it (the list gets the focus); on the detail, gives it the focus.
    mutating func select(at position: Position) -> [Effect] {
        let body = layout.listBody
        if position.row >= body.row, position.row < body.bottom, position.column < body.right {
            let row = list.top + position.row - body.row
            guard list.call(at: row) != nil else { return [] }
            detail.focus = .list
            return moveSelection(to: row)
        }
        if let rect = layout.detail, position.row >= rect.row, position.column >= rect.column { detail.focus = .detail }
        return []
    }

    mutating func noteResult(_ text: String) {
        if let current { accounts[current].lastResult = text }
    }

    func loadExtras() -> [Effect] {
        guard let account, let call = selectedCall else { return [] }
        var effects: [Effect] = [.loadAnnotationState(account: account.name, callID: call.id)]
        if detail.record?.callID != call.id { effects.append(.loadRecord(account: account.name, callID: call.id)) }
        if account.provider == .vbotCampaign, detail.conversations[call.id] == nil {
            effects.append(.loadConversation(account: account.name, callID: call.id))
        }
        return effects
    }
}
