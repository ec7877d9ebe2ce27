import CallScopeKit
import Foundation
import Testing
@testable import CallScopeTUI

/// The store in the TUI: cached calls shown at once, replaced by the provider's pages; the
/// full-text search of every cached call; offline.
@Suite("Reducer: the cache and search")
struct StoreSearchTests {
    typealias F = TUIFixtures

    @Test func aFetchShowsTheCachedCallsFirstAndTheProviderReplacesThem() {
        var s = F.state()
        let effects = s.choose(account: 0)
        guard case .loadCached(let id, "omi", let query)? = effects.first, case .fetch(id, "omi", query)? = effects.last else {
            Issue.record("expected loadCached then fetch: \(effects)")
            return
        }
        s.send(.cachedLoaded(fetch: id, F.calls(3, prefix: "cached-")))
        #expect(s.ids == ["cached-0", "cached-1", "cached-2"])
        #expect(s.list.loading)
        s.press("j")
        // The provider's first page replaces them; the selected call stays selected if it is there.
        var page = F.calls(4, prefix: "new-")
        page[2] = F.calls(2, prefix: "cached-")[1]
        let after = s.send(.pageArrived(fetch: id, F.page(page)))
        #expect(s.ids == ["new-0", "new-1", "cached-1", "new-3"])
        #expect(s.selectedID == "cached-1")
        // The provider answered: pending edits are retried.
        #expect(after.contains(.syncEdits(account: "omi")))
        // A late cache read changes nothing.
        s.send(.cachedLoaded(fetch: id, F.calls(3, prefix: "late-")))
        #expect(s.ids.first == "new-0")
    }

    @Test func aStaleCacheReadIsDropped() {
        var (s, id) = F.fetching()
        s.press("r")
        s.send(.cachedLoaded(fetch: id, F.calls(3, prefix: "stale-")))
        #expect(s.ids.isEmpty)
    }

    @Test func offlineTheFetchReadsTheStoreAndNothingIsSynced() {
        var s = F.state()
        s.offline = true
        let effects = s.choose(account: 0)
        #expect(effects.count == 1)
        #expect(effects.fetches.count == 1)
        let after = s.send(.pageArrived(fetch: effects.fetches[0].id, F.page(F.calls(3))))
        #expect(!after.contains(.syncEdits(account: "omi")))
        #expect(Render.screen(s).line(0).contains("offline"))
    }

    @Test func searchRunsOverTheStoreAndEscReturnsToTheFiltersList() throws {
        var s = F.loaded(F.calls(10))
        s.press("F")
        #expect(s.search.editing)
        #expect(Render.screen(s).text.contains("search the store:"))
        s.type("duc")
        let effects = s.press("enter")
        let id = try #require(s.search.id)
        #expect(effects == [.search(id: id, account: "omi", text: "duc")])
        #expect(s.search.active == "duc")
        s.send(.searchResults(search: id, [F.tien], error: nil))
        #expect(s.ids == [F.tien.id])
        let screen = Render.screen(s)
        #expect(screen.line(0).contains("search: duc"))
        #expect(screen.line(0).contains("1 calls"))
        // Results open into the detail pane.
        s.press("enter")
        #expect(s.detail.open)
        #expect(Render.screen(s).text.contains(" \(F.tien.id) "))
        // Esc closes the detail, then returns to the filter's list (cache first, then the provider).
        s.press("esc")
        #expect(s.search.active != nil)
        let back = s.press("esc")
        #expect(s.search.active == nil)
        #expect(back.fetches.count == 1)
        #expect(!Render.screen(s).line(0).contains("search:"))
    }

    @Test func searchCancelsARunningFetchAndCtrlFOpensThePrompt() throws {
        var (s, fetch) = F.fetching()
        s.press("ctrl-f")
        #expect(s.search.editing)
        s.type("广州")
        let effects = s.press("enter")
        #expect(effects.cancelled == [fetch])
        #expect(!s.list.loading)
        // A page of the cancelled fetch is dropped.
        s.send(.pageArrived(fetch: fetch, F.page(F.calls(5))))
        #expect(s.ids.isEmpty)
        let id = try #require(s.search.id)
        s.send(.searchResults(search: id, [], error: nil))
        #expect(s.status?.text.contains("no cached call matches") == true)
    }

    @Test func escInThePromptLeavesTheListAsItWas() {
        var s = F.loaded(F.calls(5))
        s.press("F")
        s.type("abc")
        let effects = s.press("esc")
        #expect(effects.isEmpty)
        #expect(!s.search.editing)
        #expect(s.search.active == nil)
        #expect(s.ids.count == 5)
    }
}
