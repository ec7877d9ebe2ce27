import CallScopeKit
import Foundation
import Testing
import CallScopeStore
@testable import CallScopeTUI

@Suite("Reducer: account picker")
struct PickerTests {
    @Test func severalAccountsStartInThePickerAndOneDoesNot() {
        let several = TUIFixtures.state(accounts: TUIFixtures.all)
        #expect(several.overlay == .picker)
        #expect(several.current == nil)
        let one = TUIFixtures.state(accounts: [TUIFixtures.omi])
        #expect(one.overlay == .none)
    }

    @Test func choosingAnAccountFetchesItsCalls() throws {
        var s = TUIFixtures.state(accounts: TUIFixtures.all)
        s.press("j", "j", "k", "down")
        #expect(s.pickerSelection == 2)
        s.press("G")
        #expect(s.pickerSelection == 4)
        s.press("j")
        #expect(s.pickerSelection == 4)
        s.press("g", "k", "up")
        #expect(s.pickerSelection == 0)
        s.press("end", "up", "up")
        #expect(s.pickerSelection == 2)
        let effects = s.press("enter")
        #expect(s.overlay == .none)
        #expect(s.current == 2)
        #expect(s.account?.name == "bot")
        #expect(effects.cancelled.isEmpty)  // nothing to cancel yet
        let fetch = try #require(effects.syncs.first)
        // The store's first rows (without the provider's record) at once, and the range synced
        // from the provider; the count follows the first rows.
        let query = StoreQuery(account: "bot", query: fetch.query, includeRaw: false)
        #expect(effects == [.readWindow(id: 2, query: query, at: .top, limit: ListState.jumpRows(visibleRows: s.layout.visibleRows), count: false),
                            .sync(id: 3, account: "bot", query: fetch.query)])
        #expect(fetch.account == "bot")
        // The default range: the last 24 hours.
        #expect(fetch.query.to == TUIFixtures.now)
        #expect(fetch.query.from == TUIFixtures.now.addingTimeInterval(-86400))
        #expect(fetch.query.providerFilters.isEmpty)
        #expect(s.list.syncing)
        #expect(s.list.id == 1)
    }

    @Test func everyAccountOpensOnTheRangeOfTuiFromTo() throws {
        var s = TUIFixtures.state(accounts: TUIFixtures.all)
        s.openingFilter.from = "-30d"
        s.openingFilter.to = "2026-11-20"
        s.press("enter")
        let first = try #require(s.press("p", "j", "enter").syncs.first)
        // The range is read in the account's zone, as `calls --from -30d --to 2026-11-20` would.
        #expect(first.query.from == TUIFixtures.now.addingTimeInterval(-30 * 86400))
        #expect(first.query.to == TUIFixtures.at("2026-11-20 23:59:59"))
        #expect(s.filter.from == "-30d")
        #expect(s.form == nil)
    }

    @Test func aRangeBeyondThisYearShowsItsYears() throws {
        // `--from -366d`: the title must not read "21 Nov → 21 Nov", as a day would.
        var s = TUIFixtures.state(size: TUIFixtures.large)
        s.openingFilter.from = "-366d"
        _ = s.choose(account: 0)
        #expect(Render.screen(s).line(0).contains("20 Nov 2025 10:00 → 21 Nov 2026 10:00"))
        // Within this year, no years.
        var month = TUIFixtures.state(size: TUIFixtures.large)
        month.openingFilter.from = "-30d"
        _ = month.choose(account: 0)
        #expect(Render.screen(month).line(0).contains("22 Oct 10:00 → 21 Nov 10:00"))
    }

    @Test func switchingAccountsCancelsTheOldFetchAndStartsAFresh() throws {
        var s = TUIFixtures.state(accounts: TUIFixtures.all)
        s.press("enter")
        #expect(s.account?.name == "omi")
        s.send(.windowRead(read: 2, StoreWindow(rows: TUIFixtures.calls(50), firstIndex: 0, total: 500)))
        s.press("j", "j", "enter")  // detail open on the old account
        s.find.text = "tiến"
        s.press("p")
        #expect(s.overlay == .picker)
        #expect(s.pickerSelection == 0)  // starts on the current account
        s.press("j", "j", "j", "j")
        let effects = s.press("enter")
        #expect(effects.first == .cancelSync(id: 3))
        let fetch = try #require(effects.syncs.first)
        let read = try #require(effects.reads.first)
        #expect(fetch.account == "cn")
        #expect(s.current == 4)
        // Nothing of the old account stays: rows, detail, find, total.
        #expect(s.list.calls.isEmpty)
        #expect(!s.detail.open)
        #expect(s.find.text.isEmpty)
        #expect(s.list.total == nil)
        // What the old account's read and sync still report is dropped.
        s.send(.windowRead(read: 2, StoreWindow(rows: TUIFixtures.calls(50, start: 50), firstIndex: 0, total: 500)))
        s.send(.syncProgress(sync: 3, SyncProgress(account: "omi", calls: 10, total: 500, elapsed: .seconds(1), finished: false)))
        #expect(s.list.calls.isEmpty)
        #expect(s.list.sync?.calls == 0)
        s.send(.windowRead(read: read.id, StoreWindow(rows: TUIFixtures.calls(3, account: TUIFixtures.icsoc, prefix: "cn-"), firstIndex: 0, total: 3)))
        #expect(s.ids == ["cn-0", "cn-1", "cn-2"])
    }

    @Test func theFilterIsPerAccountAndResetOnSwitch() throws {
        var s = TUIFixtures.state(accounts: TUIFixtures.all)
        s.press("enter")
        s.filter.phone = "0901"
        s.press("p", "j", "enter")
        #expect(s.filter == FilterValues())
        let fetch = try #require(s.press("r").syncs.first)
        #expect(fetch.query.phone == nil)
    }

    @Test func choosingTheCurrentAccountAgainKeepsItsFetch() {
        var s = TUIFixtures.state(accounts: TUIFixtures.all)
        s.press("enter")
        s.send(.windowRead(read: 2, StoreWindow(rows: TUIFixtures.calls(5), firstIndex: 0, total: 5)))
        s.press("j", "p")
        #expect(s.press("enter").isEmpty)
        #expect(s.overlay == .none)
        #expect(s.list.selected == 1)
        #expect(s.list.calls.count == 5)
    }

    @Test func escClosesOnlyWhenAnAccountIsChosen() {
        var s = TUIFixtures.state(accounts: TUIFixtures.all)
        s.press("esc")
        #expect(s.overlay == .picker)  // nothing behind it yet
        s.press("enter", "p", "j", "esc")
        #expect(s.overlay == .none)
        #expect(s.current == 0)
    }

    @Test func quitHelpAndCtrlCFromThePicker() {
        var s = TUIFixtures.state(accounts: TUIFixtures.all)
        s.press("?")
        #expect(s.overlay == .help)
        var q = TUIFixtures.state(accounts: TUIFixtures.all)
        #expect(q.press("q") == [.quit])
        #expect(q.quitting)
        // Ctrl-C at the picker, with nothing fetching, quits (the first screen a user sees).
        var c = TUIFixtures.state(accounts: TUIFixtures.all)
        #expect(c.press("ctrl-c").contains(.quit))
        #expect(c.quitting)
        // With a sync running, Ctrl-C at the picker cancels it instead.
        var f = TUIFixtures.state(accounts: TUIFixtures.all)
        f.press("enter", "p")
        #expect(f.press("ctrl-c") == [.cancelSync(id: 3)])
        #expect(!f.quitting)
        #expect(!f.list.syncing)
    }

    @Test func noAccountsAtAll() {
        var s = TUIFixtures.state(accounts: [])
        #expect(s.overlay == .picker)
        #expect(s.press("enter", "j").isEmpty)
        #expect(s.press("q") == [.quit])
    }
}
