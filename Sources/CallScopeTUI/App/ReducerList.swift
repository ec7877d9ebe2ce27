import CallScopeKit
import CallScopeStore
import CallScopeText
import Foundation

/// The call list as a window over the store: the rows around the screen are read by keyset as
/// the selection moves (never the whole range), while the provider's calls are synced into the
/// store in the background; a change of the store reads the rows around the selection again.
extension AppState {
    // MARK: Opening a list

    /// Makes a new list for the current account and filter (or, `keepingSearch`, the store
    /// search in force): its first rows and count from the store at once, and, unless offline or
    /// searching, a sync of its range from the provider. The sync it replaces is cancelled.
    mutating func startFetch(keepingSearch: Bool = false) -> [Effect] {
        guard let account else { return [] }
        if !keepingSearch { search.active = nil }
        var effects: [Effect] = list.sync.map { [.cancelSync(id: $0.id)] } ?? []
        let (sort, ascending) = (list.sort, list.ascending)
        let query: StoreQuery
        let range: CallQuery?
        if let text = search.active {
            query = StoreQuery(account: account.name, text: text)
            range = nil
        } else {
            guard let callQuery = filter.query(zone: account.timeZone, now: now) else { return effects }
            query = StoreQuery(account: account.name, query: callQuery)
            range = callQuery
        }
        // The rows on screen stay until the new list's first rows are read (a moment).
        var next = ListState(id: take())
        (next.calls, next.first, next.selected, next.top, next.total) = (list.calls, list.first, list.selected, list.top, list.total)
        list = next
        list.sort = sort
        list.ascending = ascending
        list.query = ordered(query)
        status = nil
        // The first rows at once; the count (a scan of the range's index) after them, so that
        // it does not hold up the first screen (`windowRead`).
        effects += read(.top, purpose: .open)
        if let range, !offline {
            let sync = SyncState(id: take())
            list.sync = sync
            effects.append(.sync(id: sync.id, account: account.name, query: range))
        }
        return effects
    }

    /// `r`: the range synced again (a relative range moved to now), the selection kept on its call.
    mutating func resync() -> [Effect] {
        guard let account, list.query != nil, search.active == nil,
              let range = filter.query(zone: account.timeZone, now: now) else { return startFetch(keepingSearch: true) }
        let effects: [Effect] = list.sync.map { [.cancelSync(id: $0.id)] } ?? []
        status = nil
        list.read = nil
        return effects + syncAgain(account: account.name, range)
    }

    /// The list's range becomes `range` (a relative one moved to now), its rows around the
    /// selection are read again, and, unless offline, `range` is synced into the store (the sync
    /// engine fetches only what the store lacks and the newest, unsettled part).
    mutating func syncAgain(account: String, _ range: CallQuery) -> [Effect] {
        list.query = ordered(StoreQuery(account: account, query: range))
        var effects = refreshWindow()
        if !offline {
            let sync = SyncState(id: take())
            list.sync = sync
            effects.append(.sync(id: sync.id, account: account, query: range))
        }
        return effects
    }

    /// The next number for a list, read, sync or search.
    mutating func take() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    /// The query in the list's order, its rows without the provider's record (the detail pane
    /// reads the selected call's).
    func ordered(_ query: StoreQuery) -> StoreQuery {
        var query = query
        query.includeRaw = false
        query.sort = list.sort.storeSort
        query.order = list.ascending ? .oldestFirst : .newestFirst
        return query
    }

    /// A read of the window; it supersedes the one in flight.
    mutating func read(_ anchor: WindowAnchor, purpose: WindowRead.Purpose, count: Bool = false) -> [Effect] {
        guard let query = list.query else { return [] }
        let id = take()
        let limit = switch purpose {
        case .more: ListState.pageRows
        case .open, .jumpToFirst, .jumpToLast: ListState.jumpRows(visibleRows: layout.visibleRows)
        case .keep, .find: ListState.mostRows / 2
        }
        list.read = WindowRead(id: id, purpose: purpose, limit: limit)
        list.stale = false
        return [.readWindow(id: id, query: query, at: anchor, limit: limit, count: count)]
    }

    mutating func cancelSync() -> [Effect] {
        guard let sync = list.sync else { return [] }
        list.sync = nil
        // Following goes on: the next tick syncs again.
        let following = follow.map { "; following goes on every \($0.interval)" } ?? ""
        status = StatusLine(kind: .info, text: "sync cancelled: the list shows the calls already stored" + following)
        return [.cancelSync(id: sync.id)]
    }

    // MARK: Moving

    mutating func moveSelection(by delta: Int) -> [Effect] { moveSelection(to: list.selected + delta) }

    /// Moves within the rows held (the next rows are read as the selection nears their end).
    mutating func moveSelection(to row: Int) -> [Effect] {
        guard !list.calls.isEmpty else { return [] }
        let target = min(max(list.first, row), list.end - 1)
        if target != list.selected { detail.scroll = 0 }
        list.selected = target
        keepSelectionVisible()
        return demand() + (detail.open ? loadExtras() : [])
    }

    /// `g`/`Home`: the list's first call (read first when it is not held).
    mutating func jumpToFirst() -> [Effect] {
        if list.first == 0 { return moveSelection(to: 0) }
        return read(.top, purpose: .jumpToFirst)
    }

    /// `G`/`End`: the list's last call — the oldest of the range, newest first.
    mutating func jumpToLast() -> [Effect] {
        if let total = list.total, list.end >= total { return moveSelection(to: total - 1) }
        return read(.bottom, purpose: .jumpToLast, count: list.total == nil)
    }

    mutating func keepSelectionVisible() {
        let rows = layout.visibleRows
        if list.selected < list.top { list.top = list.selected }
        if list.selected >= list.top + rows { list.top = list.selected - rows + 1 }
        let count = max(list.total ?? list.end, list.end)
        list.top = max(0, min(list.top, max(0, count - rows)))
    }

    /// Reads more rows when the selection comes within two screens of either end of those held.
    mutating func demand() -> [Effect] {
        guard list.read == nil, !list.calls.isEmpty else { return [] }
        let margin = layout.visibleRows * 2
        let sort = list.sort.storeSort
        if list.selected + margin >= list.end, list.total.map({ list.end < $0 }) ?? true, let last = list.calls.last {
            return read(.after(StoreCursor(after: last, sort: sort)), purpose: .more(after: true))
        }
        if list.selected - margin < list.first, list.first > 0, let first = list.calls.first {
            return read(.before(StoreCursor(after: first, sort: sort)), purpose: .more(after: false))
        }
        return []
    }

    // MARK: Order, find, changes

    /// Orders the whole list by `key` (in the store), the selection kept on its call and its
    /// place on screen.
    mutating func resort(by key: SortKey, ascending: Bool) -> [Effect] {
        list.sort = key
        list.ascending = ascending
        guard let query = list.query else { return [] }
        list.query = ordered(query)
        if let call = selectedCall, list.selected > 0 {
            return read(.around(StoreCursor(after: call, sort: key.storeSort)), purpose: .keep)
        }
        return read(.top, purpose: .keep)
    }

    /// `/` as you type, Enter, `n`, `N`: the next call of the whole list whose text holds the
    /// find's words, from the selection (itself included while typing), round the end.
    mutating func find(forward: Bool, includingSelected: Bool) -> [Effect] {
        let text = find.text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, list.query != nil else { return [] }
        let sort = list.sort.storeSort
        var from: StoreCursor?
        if includingSelected {
            // From the call before the selection, which the search starts after.
            from = list.call(at: list.selected - 1).map { StoreCursor(after: $0, sort: sort) }
            if from == nil, list.selected > 0, let call = selectedCall { from = StoreCursor(after: call, sort: sort) }
        } else {
            from = selectedCall.map { StoreCursor(after: $0, sort: sort) }
        }
        return read(.find(text, from: from, forward: forward), purpose: .find)
    }

    /// The store changed: the rows around the selection are read again (and counted), the
    /// selection kept on its call and the screen still — or, at the top, the newest rows shown.
    mutating func refreshWindow() -> [Effect] {
        guard list.query != nil else { return [] }
        if list.read != nil {
            list.stale = true
            return []
        }
        if list.selected > 0, let call = selectedCall {
            return read(.around(StoreCursor(after: call, sort: list.sort.storeSort)), purpose: .keep, count: true)
        }
        return read(.top, purpose: .keep, count: true)
    }

    // MARK: Reads and syncs reporting back

    mutating func windowRead(_ id: Int, _ window: StoreWindow) -> [Effect] {
        guard let read = list.read, read.id == id else { return [] }
        list.read = nil
        if let total = window.total { list.total = total }
        let keep = selectedCall?.id
        let onScreen = list.selected - list.top
        switch read.purpose {
        case .open:
            replaceRows(window.rows, first: 0)
            list.selected = 0
            list.top = 0
            // Fewer rows than asked for: that is the whole list; else it is counted now.
            list.total = window.total ?? (window.rows.count < read.limit ? window.rows.count : nil)
        case .more(let after):
            extend(with: window.rows, after: after)
        case .jumpToFirst:
            replaceRows(window.rows, first: 0)
            list.selected = 0
        case .jumpToLast:
            replaceRows(window.rows, first: window.firstIndex ?? max(0, (list.total ?? window.rows.count) - window.rows.count))
            list.selected = max(list.first, list.end - 1)
        case .keep:
            replaceRows(window.rows, first: window.firstIndex ?? 0)
            if list.selected == 0 || keep == nil {
                list.selected = list.first
            } else if let row = rowOf(keep) {
                // The screen moves with the call: rows that arrived above it push both down.
                list.selected = row
                list.top = max(0, row - onScreen)
            } else {
                list.selected = min(max(list.first, list.selected), max(list.first, list.end - 1))
            }
        case .find:
            guard let found = window.found else {
                status = StatusLine(kind: .info, text: "no call in the list matches “\(find.text)”")
                return []
            }
            replaceRows(window.rows, first: window.firstIndex ?? 0)
            list.selected = rowOf(found) ?? list.first
            status = window.wrapped ? StatusLine(kind: .info, text: "find went round the end of the list") : nil
        }
        if let total = list.total, list.end > total { list.total = list.end }
        if list.selected != (rowOf(keep) ?? -1) { detail.scroll = 0 }
        keepSelectionVisible()
        var effects: [Effect] = []
        if list.stale {
            // The read again counts the list too.
            effects = refreshWindow()
        } else {
            if read.purpose == .open, list.total == nil, let id = list.id, let query = list.query {
                effects.append(.countList(list: id, query: query))
            }
            effects += demand()
        }
        if detail.open, selectedCall?.id != keep { effects += loadExtras() }
        return effects
    }

    private func rowOf(_ id: String?) -> Int? {
        guard let id, let index = list.calls.firstIndex(where: { $0.id == id }) else { return nil }
        return list.first + index
    }

    private mutating func replaceRows(_ rows: [CallRecord], first: Int) {
        list.calls = rows
        list.first = first
    }

    /// Rows read after the window's end (or before its start) join it; the far side is let go
    /// beyond `ListState.mostRows`.
    private mutating func extend(with rows: [CallRecord], after: Bool) {
        if after {
            // Nothing after the last row held: that is the list's end.
            if rows.isEmpty { list.total = list.end }
            list.calls += rows
            let excess = list.calls.count - ListState.mostRows
            if excess > 0 {
                list.calls.removeFirst(excess)
                list.first += excess
            }
        } else {
            list.calls.insert(contentsOf: rows, at: 0)
            list.first = max(0, list.first - rows.count)
            let excess = list.calls.count - ListState.mostRows
            if excess > 0 { list.calls.removeLast(excess) }
        }
    }

    /// The list's count, read on its own when the list was made.
    mutating func listCounted(_ id: Int, total: Int) -> [Effect] {
        guard list.id == id else { return [] }
        list.total = max(total, list.end)
        keepSelectionVisible()
        return demand()
    }

    mutating func syncProgress(_ id: Int, _ progress: SyncProgress) -> [Effect] {
        guard var sync = list.sync, sync.id == id else { return [] }
        // The provider answers: the account's pending edits go now.
        let answered = !sync.answered
        sync.answered = true
        sync.calls = progress.calls
        sync.total = progress.total
        list.sync = sync
        var effects: [Effect] = []
        if answered, !readOnly, let account, account.capabilities.remoteAnnotations { effects.append(.syncEdits(account: account.name)) }
        return effects + refreshWindow()
    }

    mutating func syncFinished(_ id: Int, calls: Int) -> [Effect] {
        guard list.sync?.id == id else { return [] }
        list.sync = nil
        follow?.lastRefresh = now
        noteResult("\(Count.grouped(calls)) calls synced")
        return refreshWindow()
    }

    mutating func syncFailed(_ id: Int, message: String) -> [Effect] {
        guard list.sync?.id == id else { return [] }
        list.sync = nil
        // The rows already stored stay; the error names the account and the provider's words.
        let name = account?.name
        let text = name.map { message.hasPrefix("\($0):") ? message : "\($0): \(message)" } ?? message
        status = StatusLine(kind: .error, text: text)
        noteResult("failed: \(message)")
        return refreshWindow()
    }
}
