import CallScopeKit
import Foundation

/// The only place state changes: an action in, the new state and the work to do out.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .key(let key): return state.handle(key)
    case .resized(let size):
        state.size = size
        state.keepSelectionVisible()
        return []
    case .pageArrived(let fetch, let page): return state.receive(page, from: fetch)
    case .fetchFinished(let fetch):
        guard fetch == state.list.fetchID else { return [] }
        state.list.loading = false
        state.list.exhausted = true
        if state.list.awaitingFirstPage { state.replaceCalls(with: []) }
        state.noteResult("\(state.list.calls.count) calls")
        return []
    case .fetchFailed(let fetch, let message):
        guard fetch == state.list.fetchID else { return [] }
        // The rows already shown stay; the error names the account and the provider's words.
        state.list.loading = false
        state.list.awaitingFirstPage = false
        // Provider errors start with the account's name; anything else is given it.
        let name = state.account?.name
        let text = name.map { message.hasPrefix("\($0):") ? message : "\($0): \(message)" } ?? message
        state.status = StatusLine(kind: .error, text: text)
        state.noteResult("failed: \(message)")
        return []
    case .conversationLoaded(let id, let text):
        state.detail.conversations[id] = text
        return []
    case .cachedLoaded(let fetch, let calls):
        // Only until the provider's first page: that one replaces them.
        guard fetch == state.list.fetchID, state.list.awaitingFirstPage, !calls.isEmpty else { return [] }
        state.replaceCalls(with: calls)
        state.list.awaitingFirstPage = true
        state.keepSelectionVisible()
        return state.detail.open ? state.loadExtras() : []
    case .storedCallsArrived(let account, let calls):
        return state.merge(arrived: calls, account: account)
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
    case .searchResults(let id, let calls, let error):
        guard id == state.search.id else { return [] }
        state.search.id = nil
        state.replaceCalls(with: calls)
        state.list.total = calls.count
        state.list.totalComplete = true
        state.list.exhausted = true
        state.status = error.map { StatusLine(kind: .error, text: $0) }
            ?? (calls.isEmpty ? StatusLine(kind: .info, text: "no cached call matches “\(state.search.active ?? "")” — esc returns to the list") : nil)
        return state.detail.open ? state.loadExtras() : []
    case .downloadProgress, .downloadFinished, .downloadFailed, .downloadsLoaded, .downloadedFileMissing:
        return state.reduceDownload(action)
    case .reportUpdated(let id, let progress):
        state.reportUpdated(id: id, progress)
        return []
    case .exportUpdated(let id, let stage):
        state.exportUpdated(id: id, stage)
        return []
    case .tick:
        if state.list.loading { state.list.spinner += 1 }
        return []
    case .signal(let signal):
        switch signal {
        case .interrupt: return state.run(.cancel)
        case .terminate, .hangup: return state.run(.quit)
        }
    }
}

extension AppState {
    var layout: Layout { Layout(self) }

    /// How far ahead of the selection pages are loaded.
    var lookahead: Int { max(200, layout.visibleRows * 3) }

    // MARK: Keys

    mutating func handle(_ key: Key) -> [Effect] {
        if case .resize = key { return [] }
        if find.editing { return handleFind(key) }
        if search.editing { return handleSearch(key) }
        switch overlay {
        case .editor: return handleEditor(key)
        case .filter: return handleForm(key)
        case .picker: return handlePicker(key)
        case .report: return handleReport(key)
        case .export: return handleExportForm(key)
        case .help, .message:
            let command = keys.command(for: key, in: .help)
            // Help taller than the screen scrolls with the movement keys.
            if overlay == .help, HelpView.maxScroll(self) > 0, let command, let step = helpStep(command) {
                helpScroll = min(max(0, helpScroll + step), HelpView.maxScroll(self))
                return []
            }
            // Any other key closes; Ctrl-C still cancels the fetch (or quits when idle).
            overlay = .none
            return command == .cancel ? run(.cancel) : []
        case .none: break
        }
        if case .mouse(let mouse) = key { return handleMouse(mouse) }
        let context: KeyContext = detail.open && detail.focus == .detail ? .detail : .list
        guard let command = keys.command(for: key, in: context) else { return [] }
        return run(command)
    }

    mutating func run(_ command: Command) -> [Effect] {
        let page = layout.visibleRows
        let inDetail = detail.open && detail.focus == .detail
        switch command {
        case .quit:
            quitting = true
            return (list.fetchID.map { [.cancelFetch(id: $0)] } ?? []) + [.quit]
        case .cancel:
            if list.loading { return cancelFetch() }
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
        case .top: return inDetail ? scrollDetail(by: -detail.scroll) : moveSelection(to: 0)
        case .bottom: return inDetail ? scrollDetail(by: 1_000_000) : moveSelection(to: list.calls.count - 1)
        case .open:
            guard selectedCall != nil else { return [] }
            if detail.open { detail.focus = .detail; return [] }
            detail.open = true
            detail.scroll = 0
            keepSelectionVisible()
            return loadExtras()
        case .back:
            if list.loading { return cancelFetch() }
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
        case .findNext: return findMatch(forward: true, from: list.selected + 1)
        case .findPrevious: return findMatch(forward: false, from: list.selected - 1)
        case .sort:
            let all = SortKey.allCases
            list.sort = all[(all.firstIndex(of: list.sort)! + 1) % all.count]
            list.ascending = list.sort != .time && list.sort != .talk
            resort()
        case .reverseSort:
            list.ascending.toggle()
            resort()
        case .refresh: return startFetch()
        case .openRecording: return openRecording()
        case .download: return toggleDownload()
        case .copyURL:
            guard let url = selectedCall?.recordingURL else {
                status = StatusLine(kind: .info, text: "this call has no recording")
                return []
            }
            status = StatusLine(kind: .info, text: "recording URL copied to the clipboard")
            return [.copy(url)]
        case .showError:
            if status?.kind == .error { overlay = .message }
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

    // MARK: The list

    mutating func moveSelection(by delta: Int) -> [Effect] { moveSelection(to: list.selected + delta) }

    mutating func moveSelection(to index: Int) -> [Effect] {
        guard !list.calls.isEmpty else { return [] }
        let target = min(max(0, index), list.calls.count - 1)
        if target != list.selected { detail.scroll = 0 }
        list.selected = target
        keepSelectionVisible()
        return demandIfNeeded() + (detail.open ? loadExtras() : [])
    }

    mutating func keepSelectionVisible() {
        let rows = layout.visibleRows
        if list.selected < list.top { list.top = list.selected }
        if list.selected >= list.top + rows { list.top = list.selected - rows + 1 }
        list.top = max(0, min(list.top, max(0, list.calls.count - rows)))
    }

    mutating func scrollDetail(by delta: Int) -> [Effect] {
        // Not past the last screenful, so the way back up starts at once.
        let height = max(1, (layout.detail?.rows ?? 1) - 1)
        let lines = selectedCall.map { DetailView.lines($0, state: self).count } ?? 0
        detail.scroll = min(max(0, detail.scroll + delta), max(0, lines - height))
        return []
    }

    /// Asks for the next page when the selection comes within `lookahead` of the loaded end.
    func demandIfNeeded() -> [Effect] {
        guard list.loading, !list.exhausted, let id = list.fetchID, list.calls.count - list.selected < lookahead else { return [] }
        return [.wantMore(fetch: id)]
    }

    mutating func handleMouse(_ mouse: MouseEvent) -> [Effect] {
        let body = layout.listBody
        switch mouse.kind {
        case .wheelUp: return moveSelection(by: -3)
        case .wheelDown: return moveSelection(by: 3)
        case .press(1) where mouse.position.row >= body.row && mouse.position.row < body.bottom
            && mouse.position.column < body.right:
            guard list.top + mouse.position.row - body.row < list.calls.count else { return [] }
            detail.focus = .list
            return moveSelection(to: list.top + mouse.position.row - body.row)
        case .press(1):
            if let rect = layout.detail, mouse.position.row >= rect.row, mouse.position.column >= rect.column { detail.focus = .detail }
            return []
        default: return []
        }
    }

    // MARK: Fetching

    /// Starts a fetch of the current account with the current filter; the one it replaces is cancelled.
    mutating func startFetch() -> [Effect] {
        guard let account, let query = filter.query(zone: account.timeZone, now: now) else { return [] }
        var effects: [Effect] = list.fetchID.map { [.cancelFetch(id: $0)] } ?? []
        let id = nextFetchID
        nextFetchID += 1
        list.fetchID = id
        list.loading = true
        list.exhausted = false
        list.awaitingFirstPage = true
        list.total = nil
        (list.window, list.windows, list.page, list.pages) = (0, 0, 0, nil)
        status = nil
        search.active = nil
        search.id = nil
        // The store's calls at once, then the provider's (offline, the fetch reads the store).
        if !offline { effects.append(.loadCached(fetch: id, account: account.name, query: query)) }
        effects.append(.fetch(id: id, account: account.name, query: query))
        return effects
    }

    mutating func cancelFetch() -> [Effect] {
        guard let id = list.fetchID, list.loading else { return [] }
        list.loading = false
        list.awaitingFirstPage = false
        status = StatusLine(kind: .info, text: "fetch cancelled: \(list.calls.count) calls loaded")
        return [.cancelFetch(id: id)]
    }

    mutating func receive(_ page: CallPage, from fetch: Int) -> [Effect] {
        guard fetch == list.fetchID, list.loading else { return [] }
        var effects: [Effect] = []
        if list.awaitingFirstPage {
            // The provider answers: pending edits of the account go now.
            if !offline, let account, account.capabilities.remoteAnnotations { effects.append(.syncEdits(account: account.name)) }
            // The cached rows give way; the selected call stays selected when it is there.
            let keep = selectedCall?.id
            replaceCalls(with: page.records)
            if let keep, let index = list.calls.firstIndex(where: { $0.id == keep }) { list.selected = index }
        } else {
            let keep = selectedCall?.id
            list.calls += page.records
            if list.sort != .time || list.ascending { resort(keeping: keep) }
        }
        list.total = page.total
        list.totalComplete = page.totalIsComplete
        (list.window, list.windows, list.page, list.pages) = (page.window, page.windows, page.page, page.pagesInWindow)
        keepSelectionVisible()
        return effects + demandIfNeeded()
    }

    mutating func replaceCalls(with calls: [CallRecord]) {
        list.awaitingFirstPage = false
        list.calls = calls
        list.selected = 0
        list.top = 0
        detail.scroll = 0
        if list.sort != .time || list.ascending { resort(keeping: nil) }
    }

    mutating func noteResult(_ text: String) {
        if let current { accounts[current].lastResult = text }
    }

    func loadExtras() -> [Effect] {
        guard let account, let call = selectedCall else { return [] }
        var effects: [Effect] = [.loadAnnotationState(account: account.name, callID: call.id)]
        if account.provider == .vbotCampaign, detail.conversations[call.id] == nil {
            effects.append(.loadConversation(account: account.name, callID: call.id))
        }
        return effects
    }

    // MARK: Sorting

    mutating func resort(keeping id: String? = nil) {
        let keep = id ?? selectedCall?.id
        let key = list.sort, ascending = list.ascending
        list.calls.sort { a, b in
            let before = CallOrdering.less(a, b, by: key)
            let after = CallOrdering.less(b, a, by: key)
            if before == after { return (a.startedAt ?? .distantPast) > (b.startedAt ?? .distantPast) }
            return ascending ? before : after
        }
        if let keep, let index = list.calls.firstIndex(where: { $0.id == keep }) { list.selected = index }
        keepSelectionVisible()
    }
}

enum CallOrdering {
    static func less(_ a: CallRecord, _ b: CallRecord, by key: SortKey) -> Bool {
        switch key {
        case .time: (a.startedAt ?? .distantPast) < (b.startedAt ?? .distantPast)
        case .direction: a.direction.rawValue < b.direction.rawValue
        case .from: (a.from ?? "") < (b.from ?? "")
        case .to: (a.to ?? "") < (b.to ?? "")
        case .agent: CallFormatting.agent(a) < CallFormatting.agent(b)
        case .disposition: a.disposition.rawValue < b.disposition.rawValue
        case .talk: (a.talkSeconds ?? -1) < (b.talkSeconds ?? -1)
        }
    }
}
