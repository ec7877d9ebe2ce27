import CallScopeKit
import CallScopeStore
import Foundation
import Testing
@testable import CallScopeTUI

/// A list's background sync and its reads: what starts them, what they report, what is dropped.
@Suite("Reducer: the list's sync and reads")
struct ListSyncTests {
    typealias F = TUIFixtures

    static func progress(_ calls: Int, of total: Int?) -> SyncProgress {
        SyncProgress(account: "omi", calls: calls, total: total, elapsed: .seconds(1), finished: false)
    }

    @Test func aListReadsTheStoreAtOnceAndSyncsItsRangeInTheBackground() throws {
        var s = F.state()
        let effects = s.choose(account: 0)
        let read = try #require(effects.reads.first)
        let sync = try #require(effects.syncs.first)
        // The first rows come first: the count (a scan of the range) is read after them, on
        // its own, so that it does not hold them up.
        #expect(read.anchor == .top && !read.count)
        #expect(!effects.contains { if case .countList = $0 { true } else { false } })
        // The rows without the provider's record (the detail pane reads the selected call's).
        #expect(read.query == StoreQuery(account: "omi", query: sync.query, includeRaw: false))
        #expect(sync.query.from == F.now.addingTimeInterval(-86400) && sync.query.to == F.now)
        #expect(s.list.query == read.query)
        // The range is fixed when the list is made: a later clock does not move it.
        s.now = F.now.addingTimeInterval(3600)
        let full = s.send(.windowRead(read: read.id, StoreWindow(rows: F.calls(read.limit), firstIndex: 0)))
        #expect(s.list.query?.to == F.now)
        #expect(s.list.total == nil)
        #expect(full.contains(.countList(list: s.list.id!, query: read.query)))
        #expect(Render.screen(s).line(0).contains("counting…"))
    }

    @Test func aListShorterThanItsFirstReadIsNotCounted() throws {
        var s = F.state()
        let read = try #require(s.choose(account: 0).reads.first)
        let effects = s.send(.windowRead(read: read.id, StoreWindow(rows: F.calls(10), firstIndex: 0)))
        #expect(s.list.total == 10)
        #expect(!effects.contains { if case .countList = $0 { true } else { false } })
    }

    @Test func offlineNothingIsSynced() {
        var s = F.state()
        s.offline = true
        let effects = s.choose(account: 0)
        #expect(effects.syncs.isEmpty && effects.reads.count == 1 && effects.count == 1)
        #expect(!s.list.syncing)
        #expect(s.press("r").syncs.isEmpty)
    }

    @Test func progressIsShownAndReadsTheRowsAgain() {
        var s = F.loaded(F.calls(10), finished: false)
        let sync = s.list.sync!.id
        let effects = s.send(.syncProgress(sync: sync, Self.progress(500, of: 2000)))
        #expect(s.list.sync?.calls == 500 && s.list.sync?.fraction == 0.25)
        #expect(effects.reads.map(\.anchor) == [.top])  // at the top: the newest rows
        // OMICall answered: its pending edits are sent now, once.
        #expect(effects.contains(.syncEdits(account: "omi")))
        #expect(Render.screen(s).line(0).contains("10 calls · ⠋ syncing 25%"))
        // A second progress while that read runs waits for it (and sends no edits again).
        #expect(s.send(.syncProgress(sync: sync, Self.progress(1000, of: 2000))).isEmpty)
        #expect(s.list.stale)
        // The end: the sync is gone from the title and the account notes how many it brought.
        s.send(.syncFinished(sync: sync, calls: 2000))
        #expect(!s.list.syncing)
        #expect(s.accounts[0].lastResult == "2,000 calls synced")
        #expect(!Render.screen(s).line(0).contains("syncing"))
    }

    @Test func aFailureNamesTheAccountAndTheProvidersWordsAndKeepsTheRows() {
        var s = F.loaded(F.calls(10), finished: false)
        s.press("j", "j")
        s.send(.syncFailed(sync: s.list.sync!.id, message: "calls: HTTP 500: Lỗi hệ thống"))
        #expect(s.status == StatusLine(kind: .error, text: "omi: calls: HTTP 500: Lỗi hệ thống"))
        #expect(s.list.calls.count == 10 && s.list.selected == 2)
        #expect(!s.list.syncing)
        #expect(s.accounts[0].lastResult == "failed: calls: HTTP 500: Lỗi hệ thống")
    }

    @Test func escAndCtrlCCancelTheSyncFirstAndTheRowsStay() {
        var s = F.loaded(F.calls(10), finished: false)
        let sync = s.list.sync!.id
        s.press("enter")  // the detail open
        #expect(s.press("esc") == [.cancelSync(id: sync)])
        #expect(s.detail.open && s.list.calls.count == 10)
        #expect(s.status?.text == "sync cancelled: the list shows the calls already stored")
        // What the cancelled sync still reports is dropped.
        #expect(s.send(.syncProgress(sync: sync, Self.progress(5, of: 10))).isEmpty)
        #expect(s.send(.syncFailed(sync: sync, message: "cancelled")).isEmpty && s.status?.kind == .info)
        var c = F.loaded(F.calls(10), finished: false)
        let running = c.list.sync!.id
        #expect(c.press("ctrl-c") == [.cancelSync(id: running)])
        #expect(!c.quitting)
        #expect(c.press("ctrl-c").last == .quit)
    }

    @Test func aReadOfAnOlderListIsDropped() throws {
        var (s, first) = F.fetching()
        s.press("r")
        let effects = s.press("f", "enter")  // a new list with the same filter
        let newer = try #require(effects.reads.first)
        s.send(.windowRead(read: first, StoreWindow(rows: F.calls(5, prefix: "old-"), firstIndex: 0, total: 5)))
        #expect(!s.ids.contains("old-0"))
        s.send(.windowRead(read: newer.id, StoreWindow(rows: F.calls(3), firstIndex: 0, total: 3)))
        #expect(s.ids == ["c0", "c1", "c2"])
    }

    @Test func refreshSyncsAgainAndKeepsTheSelectedCall() throws {
        var s = F.loaded(F.calls(50))
        s.press("j", "j", "j")
        s.now = F.now.addingTimeInterval(60)
        let effects = s.press("r")
        let sync = try #require(effects.syncs.first)
        // The last 24 hours as of now: the relative range moved with the clock.
        #expect(sync.query.to == F.now.addingTimeInterval(60))
        let read = try #require(effects.reads.first)
        #expect(read.anchor == .around(StoreCursor(after: F.calls(50)[3])) && read.count)
        #expect(s.list.query?.to == F.now.addingTimeInterval(60))
        // One new call arrived above: the selection stays on its call, one row down.
        let rows = F.calls(1, prefix: "new-") + F.calls(50)
        s.send(.windowRead(read: read.id, StoreWindow(rows: rows, firstIndex: 0, total: 51)))
        #expect(s.selectedID == "c3" && s.list.selected == 4 && s.list.total == 51)
    }

    @Test func aStoreErrorIsSaidAndTheRowsStay() throws {
        var s = F.loaded(F.calls(10))
        let read = try #require(s.press("s").reads.first)
        s.send(.windowFailed(read: read.id, message: "database is locked"))
        #expect(s.status == StatusLine(kind: .error, text: "the store: database is locked"))
        #expect(s.list.calls.count == 10 && s.list.read == nil)
    }

    @Test func theSpinnerTurnsOnlyWhileSyncing() {
        var s = F.loaded(F.calls(3), finished: false)
        s.send(.tick)
        s.send(.tick)
        #expect(s.list.spinner == 2)
        s.send(.syncFinished(sync: s.list.sync!.id, calls: 3))
        s.send(.tick)
        #expect(s.list.spinner == 2)
    }

    @Test func aSearchOfTheStoreIsAListOfItsOwnAndEscReturnsToTheFilter() throws {
        var s = F.loaded(F.calls(10), finished: false)
        let sync = s.list.sync!.id
        s.press("F")
        #expect(s.search.editing)
        s.type("duc")
        let effects = s.press("enter")
        #expect(effects.cancelled == [sync])
        #expect(effects.syncs.isEmpty)  // a search reads the store only
        let read = try #require(effects.reads.first)
        #expect(read.query == StoreQuery(account: "omi", text: "duc", includeRaw: false))
        s.send(.windowRead(read: read.id, StoreWindow(rows: [F.tien], firstIndex: 0, total: 1)))
        #expect(s.ids == [F.tien.id])
        #expect(Render.screen(s).line(0).contains("search: duc · 1 call"))
        // Esc goes back to the filter's list (read again, synced again).
        let back = s.press("esc")
        #expect(s.search.active == nil)
        #expect(back.syncs.count == 1 && back.reads.first?.query.text == nil)
        // Esc in the prompt changes nothing.
        var p = F.loaded(F.calls(3))
        p.press("ctrl-f")
        #expect(p.search.editing)
        #expect(p.press("esc").isEmpty)
        #expect(!p.search.editing && p.ids == ["c0", "c1", "c2"])
    }

    @Test func storeLostAndBackAreSaid() {
        var s = F.loaded(F.calls(3))
        s.send(.storeLost("[store] postgresql://db/callscope: connection refused"))
        #expect(s.status == StatusLine(kind: .error, text: "[store] postgresql://db/callscope: connection refused; reconnecting"))
        s.send(.storeBack)
        #expect(s.status == StatusLine(kind: .info, text: "the store is back"))
    }
}
