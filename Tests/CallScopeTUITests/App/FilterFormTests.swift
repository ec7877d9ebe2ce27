import CallScopeKit
import Foundation
import Testing
@testable import CallScopeTUI

@Suite("Reducer: filter form")
struct FilterFormTests {
    static let hcm = TUIFixtures.hcm

    /// The loaded list of `account` with the form open on it.
    func opened(_ account: AccountSummary = TUIFixtures.omi) -> AppState {
        var s = TUIFixtures.loaded(TUIFixtures.calls(5, account: account), accounts: [account])
        s.press("f")
        return s
    }

    func focused(_ s: AppState) -> String? { s.form.map { $0.fields[$0.focus].key } }

    /// Empties the focused text field.
    func clear(_ s: inout AppState) {
        while let form = s.form, !form.fields[form.focus].value.isEmpty { s.press("backspace") }
    }

    @Test func opensOnTheFilterInForceWithTheProviderFields() throws {
        let s = opened()
        #expect(s.overlay == .filter)
        let form = try #require(s.form)
        #expect(form.fields.map(\.key) == ["range", "from", "to", "phone", "agent", "direction", "disposition", "keyword", "is_auto_call"])
        #expect(form["from"] == "-24h")
        #expect(form["to"] == "now")
        #expect(form["range"] == "custom")
        #expect(form["direction"] == "any")
        #expect(form.isValid)
        #expect(form.focus == 0)
    }

    @Test(arguments: [
        (ProviderKind.caresoft, ["service_id", "call_type"]),
        (.omicall, ["keyword", "is_auto_call"]),
        (.vbotCampaign, ["campaign_code", "hotline", "key"]),
        (.vbotCRM, []),
        (.icsoc, ["projectId", "taskId", "callresult", "endresult"]),
    ])
    func eachProviderHasItsOwnFields(_ provider: ProviderKind, _ keys: [String]) throws {
        let account = TUIFixtures.all.first { $0.provider == provider }!
        let form = try #require(opened(account).form)
        #expect(Array(form.fields.map(\.key).dropFirst(7)) == keys)
    }

    @Test func tabAndShiftTabMoveAndWrap() {
        var s = opened()
        s.press("tab")
        #expect(focused(s) == "from")
        s.press("tab", "tab", "down")
        #expect(focused(s) == "agent")
        s.press("shift-tab", "up")
        #expect(focused(s) == "to")
        s.press("shift-tab", "shift-tab", "shift-tab")
        #expect(focused(s) == "is_auto_call")  // wrapped to the last field
        s.press("tab")
        #expect(focused(s) == "range")
    }

    @Test func enterAppliesEveryFieldAsTheQuery() throws {
        var s = opened()
        s.press("tab")
        clear(&s)
        s.type("2026-11-14")
        s.press("tab")
        clear(&s)
        s.type("2026-11-20")
        s.press("tab")
        s.type("0901")
        s.press("tab")
        s.type(" 1444 ")
        s.press("tab", "right")  // direction: inbound
        s.press("tab", "space", "space")  // disposition: missed
        s.press("tab")
        s.type("khuyến mãi")
        s.press("tab", "right")  // auto calls: true
        #expect(s.form?.isValid == true)
        #expect(s.form?["range"] == "custom")
        let effects = s.press("enter")
        #expect(s.overlay == .none)
        let fetch = try #require(effects.syncs.first)
        #expect(fetch.account == "omi")
        #expect(fetch.query == CallQuery(
            from: TUIFixtures.at("2026-11-14 00:00:00"), to: TUIFixtures.at("2026-11-20 23:59:59"),
            phone: "0901", agent: "1444", direction: .inbound, disposition: .missed,
            providerFilters: ["keyword": "khuyến mãi", "is_auto_call": "true"]))
        // The filter is kept: the next form opens on it, and the title shows the range.
        #expect(s.filter.phone == "0901")
        s.press("f")
        #expect(s.form?["disposition"] == "missed")
        #expect(s.form?["keyword"] == "khuyến mãi")
        s.press("esc")
        s.send(.syncFinished(sync: fetch.id, calls: 5))  // at 80 columns a running sync's progress comes first
        #expect(Render.screen(s).line(0).contains("14 Nov 00:00 → 20 Nov 23:59"))
    }

    @Test func icsocFiltersGoToTheQueryByTheirAPINames() throws {
        var s = opened(TUIFixtures.icsoc)
        for _ in 0..<7 { s.press("tab") }
        s.type("P-01")
        s.press("tab")
        s.type("T9")
        s.press("tab", "right", "right")  // callresult 1
        s.press("tab", "left")  // endresult 12 (backwards from any)
        let fetch = try #require(s.press("enter").syncs.first)
        #expect(fetch.query.providerFilters == ["projectId": "P-01", "taskId": "T9", "callresult": "1", "endresult": "12"])
        #expect(fetch.query.direction == nil)
        #expect(fetch.query.disposition == nil)
        #expect(fetch.query.phone == nil)
        // Back to "any" drops the filter.
        s.press("f", "shift-tab", "right")
        let again = try #require(s.press("enter").syncs.first)
        #expect(again.query.providerFilters == ["projectId": "P-01", "taskId": "T9", "callresult": "1"])
    }

    @Test func quickRangesCycleAndFillFromAndTo() throws {
        var s = opened()
        let expected: [(String, String, String)] = [
            ("today", "2026-11-21", "now"), ("yesterday", "2026-11-20", "2026-11-20"), ("24h", "-24h", "now"),
            ("7d", "-7d", "now"), ("30d", "-30d", "now"),
        ]
        for (name, from, to) in expected {
            s.press("right")
            #expect(s.form?["range"] == name)
            #expect(s.form?["from"] == from, "\(name)")
            #expect(s.form?["to"] == to, "\(name)")
        }
        s.press("right")
        #expect(s.form?["range"] == "custom")
        #expect(s.form?["from"] == "-30d")  // custom keeps what is there
        s.press("left", "left")
        #expect(s.form?["range"] == "7d")
        #expect(s.form?["from"] == "-7d")
        s.press("space")
        #expect(s.form?["range"] == "30d")
        // Yesterday is the whole day in the account's zone.
        s.press("left", "left", "left")
        #expect(s.form?["range"] == "yesterday")
        let fetch = try #require(s.press("enter").syncs.first)
        #expect(fetch.query.from == TUIFixtures.at("2026-11-20 00:00:00"))
        #expect(fetch.query.to == TUIFixtures.at("2026-11-20 23:59:59"))
    }

    @Test func typingInFromMakesTheRangeCustom() {
        var s = opened()
        s.press("right", "right")
        #expect(s.form?["range"] == "yesterday")
        s.press("tab", "backspace")
        #expect(s.form?["range"] == "custom")
        #expect(s.form?["from"] == "2026-11-2")
    }

    @Test func invalidInputIsMarkedAtItsFieldAndNothingIsSent() throws {
        var s = opened()
        s.press("tab")
        clear(&s)
        s.type("yesterday-ish")
        var form = try #require(s.form)
        #expect(form.fields[1].error != nil)
        #expect(form.fields.filter { $0.error != nil }.map(\.key) == ["from"])
        #expect(s.press("enter").isEmpty)
        #expect(s.overlay == .filter)
        // The mark is on screen, on the From row.
        let screen = Render.screen(s)
        let fromRow = try #require(screen.lines.first { $0.contains("From") && $0.contains("yesterday-ish") })
        #expect(fromRow.contains("✗"))
        // Fixing it clears the mark; a phone without digits is marked next.
        clear(&s)
        s.type("-2d")
        s.press("tab", "tab")
        s.type("abc")
        form = try #require(s.form)
        #expect(form.fields.filter { $0.error != nil }.map(\.key) == ["phone"])
        #expect(form.fields[3].error == "needs digits")
        #expect(s.press("enter").isEmpty)
        s.press("backspace", "backspace", "backspace")
        #expect(s.form?.isValid == true)
        // A range that ends before it starts is marked at To.
        s.press("shift-tab")
        clear(&s)
        s.type("-3d")
        form = try #require(s.form)
        #expect(form.fields.filter { $0.error != nil }.map(\.key) == ["to"])
        #expect(form.fields[2].error == "is before From")
        #expect(s.press("enter").isEmpty)
        #expect(s.filter == FilterValues())  // nothing applied
    }

    @Test func escCancelsWithoutApplying() {
        var s = opened()
        s.press("tab", "tab", "tab")
        s.type("0901")
        #expect(s.press("esc").isEmpty)
        #expect(s.overlay == .none)
        #expect(s.form == nil)
        #expect(s.filter.phone == "")
        s.press("f")
        #expect(s.form?["phone"] == "")
    }

    @Test func thePlanSaysHowTheRangeIsFetched() throws {
        // OMICall: 3-day windows.
        var s = opened()
        s.press("right", "right", "right", "right", "right")
        #expect(s.form?["range"] == "30d")
        #expect(s.form?.plan(now: s.now) == "30 days → 10 request windows of 3 days")
        s.press("left")
        #expect(s.form?.plan(now: s.now) == "7 days → 3 request windows of 3 days")
        s.press("left")
        #expect(s.form?.plan(now: s.now) == "1 day → 1 request window")
        // The plan is about the range: a phone error does not hide it; a bad From does.
        s.press("tab", "tab", "tab")
        s.type("x")
        #expect(s.form?.isValid == false)
        #expect(s.form?.plan(now: s.now) == "1 day → 1 request window")
        s.press("up", "up")
        s.type("x")
        #expect(s.form?.plan(now: s.now) == "fix the marked fields")
        // No window limit: one request.
        var care = opened(TUIFixtures.care)
        care.press("left")
        #expect(care.form?.plan(now: care.now) == "30 days → 1 request window")
    }

    @Test func choiceFieldsIgnoreTypingAndTextFieldsIgnoreArrows() {
        var s = opened()
        for _ in 0..<5 { s.press("tab") }
        #expect(focused(s) == "direction")
        s.type("x")
        #expect(s.form?["direction"] == "any")
        s.press("backspace")
        #expect(s.form?["direction"] == "any")
        s.press("left")
        #expect(s.form?["direction"] == "unknown")
        s.press("shift-tab")
        s.type("ab")
        s.press("left", "right")
        #expect(s.form?["agent"] == "ab")
        #expect(s.press("f5").isEmpty)
    }
}
