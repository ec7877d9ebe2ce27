import CallScopeKit
import Foundation
import Testing
@testable import CallScopeTUI

/// Pages arriving, the fetch finishing or failing, stale fetches, demand-driven paging,
/// cancelling (Ctrl-C, Esc), refresh.
@Suite("Reducer: fetching")
struct FetchTests {
    typealias F = TUIFixtures

    @Test func theFirstPageReplacesTheOldRowsAndLaterPagesAppend() {
        var s = F.loaded(F.calls(5, prefix: "old-"))
        s.press("j", "j")
        let refresh = s.press("r")
        #expect(refresh.fetches.map(\.id) == [2])
        // Until the first page arrives, the old rows stay on screen.
        #expect(s.ids.first == "old-0")
        #expect(s.list.selected == 2)
        #expect(s.list.loading)
        s.send(.pageArrived(fetch: 2, F.page(F.calls(250), total: 943, complete: false, window: 1, windows: 3, page: 1, pages: 10)))
        #expect(s.ids.count == 250)
        #expect(s.ids.first == "c0")
        #expect(!s.ids.contains("old-0"))
        #expect(s.list.selected == 0)
        #expect(s.list.total == 943)
        #expect(!s.list.totalComplete)
        #expect((s.list.window, s.list.windows, s.list.page, s.list.pages) == (1, 3, 1, 10))
        s.press("j", "j", "j")
        s.send(.pageArrived(fetch: 2, F.page(F.calls(250, start: 250), total: 943, complete: true, window: 1, windows: 3, page: 2, pages: 10)))
        #expect(s.ids.count == 500)
        #expect(s.ids[250] == "c250")
        #expect(s.list.selected == 3)
        #expect(s.selectedID == "c3")
        #expect(s.list.totalComplete)
        #expect(s.list.page == 2)
        // The title shows the count and the progress.
        let title = Render.screen(TUIFixtures.resized(s, to: F.large)).line(0)
        #expect(title.contains("500 of 943 calls"))
        #expect(title.contains("window 1/3 page 2/10"))
    }

    @Test func theSelectionIsKeptByCallIDWhenSortedAndPagesArrive() {
        var (s, id) = F.fetching()
        s.send(.pageArrived(fetch: id, F.page(F.calls(300), total: 600)))
        s.press("s", "s")  // by From, ascending
        #expect(s.list.sort == .from)
        s.press("j", "j", "j", "j", "j")
        let chosen = s.selectedID
        #expect(chosen != nil)
        // A page whose calls sort before the selection moves it down; it stays selected.
        let earlier = F.calls(300, start: 300).map { c in
            var c = c
            c.from = "0000" + c.id
            return c
        }
        s.send(.pageArrived(fetch: id, F.page(earlier, total: 600)))
        #expect(s.list.calls.count == 600)
        #expect(s.selectedID == chosen)
        #expect(s.list.selected == 305)
        #expect(s.list.calls.first?.from?.hasPrefix("0000") == true)
        // Sorted by From, the whole list is in order, not just the new page.
        let froms = s.list.calls.map { $0.from ?? "" }
        #expect(froms == froms.sorted())
        // Still on screen.
        #expect(s.list.top <= s.list.selected && s.list.selected < s.list.top + Layout(s).visibleRows)
    }

    @Test func aStaleFetchIsDropped() {
        var s = F.loaded(F.calls(3, prefix: "a-"), finished: false)
        #expect(s.list.fetchID == 1)
        s.press("r")
        #expect(s.list.fetchID == 2)
        // Everything the old fetch still reports is dropped.
        #expect(s.send(.pageArrived(fetch: 1, F.page(F.calls(5, prefix: "late-")))).isEmpty)
        #expect(s.ids == ["a-0", "a-1", "a-2"])
        s.send(.fetchFailed(fetch: 1, message: "omi: calls: HTTP 500: late failure"))
        #expect(s.status == nil)
        #expect(s.list.loading)
        s.send(.fetchFinished(fetch: 1))
        #expect(s.list.loading)
        #expect(!s.list.exhausted)
        // The current one still lands.
        s.send(.pageArrived(fetch: 2, F.page(F.calls(2, prefix: "b-"))))
        #expect(s.ids == ["b-0", "b-1"])
    }

    @Test func fetchFinishedEndsLoadingAndNotesTheResult() {
        var (s, id) = F.fetching(0, accounts: F.all)
        s.send(.pageArrived(fetch: id, F.page(F.calls(42), total: 42)))
        s.send(.tick)
        #expect(s.send(.fetchFinished(fetch: id)).isEmpty)
        #expect(!s.list.loading)
        #expect(s.list.exhausted)
        #expect(s.accounts[0].lastResult == "42 calls")
        // The spinner stops with it.
        let spinner = s.list.spinner
        s.send(.tick)
        #expect(s.list.spinner == spinner)
        #expect(!Render.screen(s).line(0).contains("page"))
    }

    @Test func aFetchWithNoPagesEmptiesTheList() {
        var s = F.loaded(F.calls(3))
        s.press("r")
        #expect(s.list.calls.count == 3)
        s.send(.fetchFinished(fetch: 2))
        #expect(s.list.calls.isEmpty)
        #expect(s.list.selected == 0)
        #expect(s.selectedCall == nil)
        #expect(Render.screen(s).text.contains("no calls in this range"))
    }

    @Test func aFailureNamesTheAccountAndTheProvidersWordsAndKeepsTheRows() {
        var s = F.loaded(F.calls(7), accounts: F.all)
        s.press("j", "j", "r")
        let words = "omi: calls: HTTP 500: Hệ thống đang bận"
        #expect(s.send(.fetchFailed(fetch: 2, message: words)).isEmpty)
        #expect(s.status == StatusLine(kind: .error, text: words))
        #expect(s.list.calls.count == 7)
        #expect(s.list.selected == 2)
        #expect(!s.list.loading)
        #expect(s.accounts[0].lastResult == "failed: \(words)")
        let screen = Render.screen(s)
        #expect(screen.line(Layout(s).statusRow).contains("Hệ thống đang bận"))
        #expect(screen.line(Layout(s).statusRow).contains("(! details)"))
        #expect(screen.text.contains("▶"))
        // A page after the failure is not shown (the fetch is over), and the program goes on.
        s.send(.pageArrived(fetch: 2, F.page(F.calls(1, prefix: "x"))))
        #expect(s.list.calls.count == 7)
        #expect(!s.quitting)
    }

    @Test func aFailureThatDoesNotNameTheAccountIsGivenItsName() {
        var s = F.loaded(F.calls(2), accounts: F.all)
        s.press("r")
        s.send(.fetchFailed(fetch: 2, message: "The request timed out."))
        #expect(s.status?.kind == .error)
        #expect(s.status?.text.hasPrefix("omi: ") == true)
        #expect(s.status?.text.contains("The request timed out.") == true)
    }

    @Test func moreIsWantedNearTheEndWhileLoadingAndNotOnceExhausted() {
        var (s, id) = F.fetching()
        // A first page shorter than the lookahead asks for the next at once.
        let first = s.send(.pageArrived(fetch: id, F.page(F.calls(50), total: 1000, pages: 20)))
        #expect(first.withoutStoreWork == [.wantMore(fetch: id)])
        // Far from the end: no demand.
        s.send(.pageArrived(fetch: id, F.page(F.calls(250, start: 50), total: 1000, page: 2, pages: 20)))
        #expect(s.list.calls.count == 300)
        #expect(s.press("j").isEmpty)
        #expect(s.press("pgdn", "pgdn", "pgdn").isEmpty)  // selection 61
        // Within the lookahead of the end: the next page is wanted, on every move.
        let near = s.press("ctrl-d", "ctrl-d", "ctrl-d", "ctrl-d")  // selection 101: 199 from the end
        #expect(s.list.selected == 101)
        #expect(near == [.wantMore(fetch: id)])
        #expect(s.press("G") == [.wantMore(fetch: id)])
        // The fetch ends: nothing more to want.
        s.send(.fetchFinished(fetch: id))
        #expect(s.press("k", "G", "g", "G").isEmpty)
    }

    @Test func aCancelledFetchWantsNoMore() {
        var (s, id) = F.fetching()
        s.send(.pageArrived(fetch: id, F.page(F.calls(300), total: 1000)))
        s.press("esc")
        #expect(s.press("G").isEmpty)
        #expect(s.press("g", "G", "k").isEmpty)
    }

    @Test func ctrlCCancelsARunningFetchThenQuits() {
        var (s, id) = F.fetching()
        s.send(.pageArrived(fetch: id, F.page(F.calls(20), total: 100)))
        #expect(s.press("ctrl-c") == [.cancelFetch(id: id)])
        #expect(!s.list.loading)
        #expect(!s.quitting)
        #expect(s.status?.text == "fetch cancelled: 20 calls loaded")
        #expect(s.list.calls.count == 20)
        // Anything the cancelled fetch still sends is dropped.
        s.send(.pageArrived(fetch: id, F.page(F.calls(20, start: 20))))
        #expect(s.list.calls.count == 20)
        // Idle: Ctrl-C quits.
        #expect(s.press("ctrl-c").last == .quit)
        #expect(s.quitting)
    }

    @Test func escCancelsARunningFetchBeforeClosingAnything() {
        var (s, id) = F.fetching()
        s.send(.pageArrived(fetch: id, F.page(F.calls(20), total: 100)))
        s.press("enter")
        #expect(s.detail.open)
        #expect(s.press("esc") == [.cancelFetch(id: id)])
        #expect(!s.list.loading)
        #expect(s.detail.open)  // the first Esc cancels; the next one closes
        #expect(s.press("esc").isEmpty)
        #expect(!s.detail.open)
        #expect(!s.quitting)
    }

    @Test func escOnAFetchWithNoPageYetKeepsTheOldRows() {
        var s = F.loaded(F.calls(4))
        s.press("r")
        s.press("esc")
        #expect(s.list.calls.count == 4)
        #expect(!s.list.loading)
        // A first page that still arrives is dropped, not shown over the kept rows.
        s.send(.pageArrived(fetch: 2, F.page(F.calls(9, prefix: "late-"))))
        #expect(s.ids.first == "c0")
    }

    @Test func refreshRepeatsTheQueryInForce() throws {
        var s = F.loaded(F.calls(4))
        s.filter.phone = "0901"
        s.filter.from = "-7d"
        let effects = s.press("r")
        #expect(effects.cancelled == [1])
        let fetch = try #require(effects.fetches.first)
        #expect(fetch.id == 2)
        #expect(fetch.query.phone == "0901")
        #expect(fetch.query.from == F.now.addingTimeInterval(-7 * 86400))
        #expect(s.list.loading)
        #expect(s.list.total == nil)
        // A refresh clears an old error.
        s.send(.fetchFailed(fetch: 2, message: "omi: calls: HTTP 429: slow down"))
        #expect(s.status?.kind == .error)
        s.press("r")
        #expect(s.status == nil)
    }

    @Test func aRefreshDoesNotShowTheOldFetchsProgress() {
        var (s, id) = F.fetching()
        s.send(.pageArrived(fetch: id, F.page(F.calls(300), total: 943, window: 2, windows: 3, page: 7, pages: 19)))
        s.send(.fetchFinished(fetch: id))
        s.press("r")
        #expect(s.list.pages == nil)
        #expect(s.list.windows <= 1)
        let title = Render.screen(F.resized(s, to: F.large)).line(0)
        #expect(!title.contains("/19"))
        #expect(!title.contains("window 2/3"))
    }

    @Test func theSpinnerTurnsOnlyWhileLoading() {
        var (s, id) = F.fetching()
        let frames = (0..<3).map { _ -> String in
            s.send(.tick)
            return Render.screen(s).line(0)
        }
        #expect(s.list.spinner == 3)
        #expect(Set(frames).count == 3)
        s.send(.fetchFinished(fetch: id))
        #expect(s.send(.tick).isEmpty)
        #expect(s.list.spinner == 3)
    }
}

extension TUIFixtures {
    /// `state` as drawn on a terminal of `size`.
    static func resized(_ state: AppState, to size: TerminalSize) -> AppState {
        var s = state
        s.send(.resized(size))
        return s
    }
}
