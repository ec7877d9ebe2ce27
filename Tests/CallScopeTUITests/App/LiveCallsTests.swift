import CallScopeKit
import Foundation
import Testing
@testable import CallScopeTUI

/// Calls pushed to the store (ICSOC) join the list as they arrive.
@Suite("Calls arriving in the store") struct LiveCallsTests {
    let icsoc = TUIFixtures.icsoc

    func listed() -> AppState {
        var s = TUIFixtures.loaded(TUIFixtures.calls(5, account: icsoc), account: 0, accounts: [icsoc])
        s.now = TUIFixtures.now
        return s
    }

    @Test func newCallsJoinInOrderAndTheSelectionStays() {
        var s = listed()
        _ = s.send(.key(.char("j")))
        let selected = s.selectedCall!.id
        let newest = TUIFixtures.calls(1, account: icsoc, prefix: "pushed-", start: 0).map { call -> CallRecord in
            var c = call
            c.startedAt = TUIFixtures.now.addingTimeInterval(-30)
            return c
        }
        let effects = s.send(.storedCallsArrived(account: icsoc.name, newest + [s.list.calls[2]]))
        #expect(effects.isEmpty)
        #expect(s.list.calls.count == 6)
        #expect(s.list.calls[0].id == "pushed-0")   // newest first
        #expect(s.selectedCall?.id == selected)
        #expect(Set(s.list.calls.map(\.id)).count == 6)   // the already-listed one is not added twice
    }

    @Test func callsOfAnotherAccountOrOutsideTheFilterOrDuringASearchAreLeftOut() {
        var s = listed()
        let pushed = TUIFixtures.calls(1, account: icsoc, prefix: "pushed-")
        _ = s.send(.storedCallsArrived(account: "omi", pushed))
        #expect(s.list.calls.count == 5)
        var old = pushed[0]
        old.id = "old"
        old.startedAt = TUIFixtures.now.addingTimeInterval(-40 * 86400)
        _ = s.send(.storedCallsArrived(account: icsoc.name, [old]))
        #expect(s.list.calls.count == 5)
        s.search.active = "vip"
        _ = s.send(.storedCallsArrived(account: icsoc.name, pushed))
        #expect(s.list.calls.count == 5)
    }

    @Test func anEmptyListGetsItsFirstCallSelected() {
        var (s, id) = TUIFixtures.fetching(0, accounts: [icsoc])
        s.now = TUIFixtures.now
        _ = s.send(.fetchFailed(fetch: id, message: "cn: POST /api/v1/cdr/search: HTTP 502: Bad Gateway"))
        _ = s.send(.storedCallsArrived(account: icsoc.name, TUIFixtures.calls(2, account: icsoc, prefix: "pushed-")))
        #expect(s.list.calls.map(\.id) == ["pushed-0", "pushed-1"] && s.list.selected == 0)
    }
}

/// The team store's connection in the status line: lost, then back, the list kept throughout.
@Suite("The store's connection") struct StoreConnectionTests {
    @Test func aLostStoreIsShownUntilItIsBack() {
        var s = TUIFixtures.loaded(TUIFixtures.calls(5, account: TUIFixtures.icsoc), account: 0, accounts: [TUIFixtures.icsoc])
        _ = s.send(.storeLost("[store] postgresql://cs@db/calls: cannot reach the database: connection refused"))
        #expect(s.status == StatusLine(kind: .error, text: "[store] postgresql://cs@db/calls: cannot reach the database: connection refused; reconnecting"))
        #expect(s.list.calls.count == 5)
        _ = s.send(.storeBack)
        #expect(s.status == StatusLine(kind: .info, text: "the store is back"))
        // A later, unrelated error is not cleared by the store coming back.
        s.status = StatusLine(kind: .error, text: "omi: HTTP 500")
        _ = s.send(.storeBack)
        #expect(s.status?.text == "omi: HTTP 500")
    }
}
