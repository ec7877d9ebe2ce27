import CallScopeKit

/// `--follow`: every interval the list's range, moved to now, is synced again, so a screen stays
/// current for providers that do not push; the store watcher then reads the rows around the
/// selection, which stays on its call.
extension AppState {
    /// A tick syncs nothing while a sync of the list runs (never two at once; a long one is not
    /// cut short), offline, in the picker, or while the list is a store search (`F`), which the
    /// sync of its range would not change. `Esc` cancels a tick's sync as any other; the next
    /// tick syncs again.
    mutating func followTick() -> [Effect] {
        guard follow != nil, !offline, !list.syncing, search.active == nil, list.query != nil, let account,
              let range = filter.query(zone: account.timeZone, now: now) else { return [] }
        return syncAgain(account: account.name, range)
    }
}
