import CallScopeKit
import CallScopeStore
import Foundation
import Testing
@testable import CallScopeTUI

/// `--follow`: each tick syncs the list's range moved to now, never beside a running sync, and
/// the title says it follows and when the list was last refreshed.
@Suite("Reducer: following the newest calls")
struct FollowTests {
    typealias F = TUIFixtures

    static func following(_ calls: [CallRecord] = F.calls(10)) throws -> AppState {
        var s = F.loaded(calls)
        s.follow = FollowState(interval: try FollowInterval.parse("30s").get())
        return s
    }

    @Test func aTickSyncsTheRangeMovedToNowAndKeepsTheSelection() throws {
        var s = try Self.following()
        s.press("j", "j")
        let selected = s.selectedID
        s.now = F.now.addingTimeInterval(30)
        let effects = s.send(.followTick)
        let sync = try #require(effects.syncs.first)
        #expect(effects.syncs.count == 1 && sync.account == "omi")
        // The opening range (the last 24 hours) moved to the tick's clock: the engine fetches its newest span.
        #expect(sync.query.to == s.now && sync.query.from == s.now.addingTimeInterval(-86400))
        #expect(s.list.query?.to == s.now && s.list.sync?.id == sync.id)
        // The rows around the selected call are read again; the selection stays on it.
        let read = try #require(effects.reads.first)
        #expect(read.anchor == .around(StoreCursor(after: try #require(s.selectedCall), sort: .time)) && read.query == s.list.query)
        #expect(s.selectedID == selected)
    }

    @Test func noTickStartsASecondSync() throws {
        var s = try Self.following()
        let first = try #require(s.send(.followTick).syncs.first)
        // The tick's sync (or the user's) still runs: the next tick leaves it be.
        #expect(s.send(.followTick).isEmpty)
        #expect(s.list.sync?.id == first.id)
        s.send(.syncFinished(sync: first.id, calls: 3))
        #expect(s.send(.followTick).syncs.count == 1)
    }

    @Test func escCancelsTheTicksSyncAndFollowingGoesOn() throws {
        var s = try Self.following()
        let sync = try #require(s.send(.followTick).syncs.first)
        #expect(s.press("Escape").cancelled == [sync.id])
        #expect(s.status?.text == "sync cancelled: the list shows the calls already stored; following goes on every 30s")
        #expect(s.follow != nil)
        #expect(s.send(.followTick).syncs.count == 1)
    }

    @Test func nothingToFollowNothingSynced() throws {
        var offline = try Self.following()
        offline.offline = true
        #expect(offline.send(.followTick).isEmpty)

        var searching = try Self.following()
        searching.search.active = "duc"
        #expect(searching.send(.followTick).isEmpty)

        var notFollowing = F.loaded(F.calls(10))
        #expect(notFollowing.send(.followTick).isEmpty)

        var picker = F.state(accounts: [F.omi, F.omi])
        picker.follow = FollowState(interval: try FollowInterval.parse("1m").get())
        #expect(picker.send(.followTick).isEmpty)
    }

    @Test func theTitleSaysItFollowsAndWhenTheListWasLastRefreshed() throws {
        var s = try Self.following()
        #expect(Render.screen(s).line(0).contains("· 10 calls · following 30s "))
        let sync = try #require(s.send(.followTick).syncs.first)
        s.now = try #require(RFC3339.date(from: "2026-11-21T03:04:05Z"))
        s.send(.syncFinished(sync: sync.id, calls: 2))
        // In the viewer's zone (Ho Chi Minh City, +07:00).
        #expect(Render.screen(s).line(0).contains("· 10 calls · following 30s · refreshed 10:04:05"))
        // A failed sync is no refresh.
        let failing = try #require(s.send(.followTick).syncs.first)
        s.now = s.now.addingTimeInterval(30)
        s.send(.syncFailed(sync: failing.id, message: "HTTP 503"))
        #expect(s.follow?.lastRefresh == RFC3339.date(from: "2026-11-21T03:04:05Z"))
    }
}
