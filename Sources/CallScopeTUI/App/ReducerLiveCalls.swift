import CallScopeKit

extension AppState {
    /// Adds calls that reached the store since the list was fetched (ICSOC pushes), keeping the
    /// selected call selected and the order the list is sorted in. Calls already listed, calls
    /// outside the filter, and anything while a search is shown or another account is open are
    /// left alone.
    mutating func merge(arrived calls: [CallRecord], account: String) -> [Effect] {
        guard account == self.account?.name, search.active == nil, !list.awaitingFirstPage else { return [] }
        let listed = Set(list.calls.map(\.id))
        let query = filter.query(zone: self.account?.timeZone ?? displayZone, now: now)
        let new = calls.filter { call in !listed.contains(call.id) && (query?.matches(call) ?? true) }
        guard !new.isEmpty else { return [] }
        let keep = selectedCall?.id
        list.calls += new
        if let total = list.total { list.total = total + new.count }
        resort(keeping: keep)
        if keep == nil { list.selected = 0 }
        keepSelectionVisible()
        return []
    }
}
