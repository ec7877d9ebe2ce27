import CallScopeKit
import Foundation
import Testing
@testable import CallScopeTUI

/// Up/down/page/half-page/top/bottom, clamped at both ends, and the selection kept on screen as
/// the list's height changes (resize, the detail opening below, the layout toggled).
@Suite("Reducer: movement")
struct MovementTests {
    /// Rows of calls on screen at 80×24: 24 − title − status − footer − header.
    static let rows80x24 = 20

    func visible(_ s: AppState) -> Bool {
        let layout = Layout(s)
        return s.list.selected >= s.list.top && s.list.selected < s.list.top + layout.visibleRows
    }

    @Test func upDownAndTheirVimKeysAreClamped() {
        var s = TUIFixtures.loaded(TUIFixtures.calls(100))
        s.press("k", "up")
        #expect(s.list.selected == 0)
        s.press("j", "down", "j")
        #expect(s.list.selected == 3)
        s.press("k")
        #expect(s.list.selected == 2)
        s.press("G", "j", "down")
        #expect(s.list.selected == 99)
    }

    @Test func pagesMoveByTheRowsOnScreen() {
        #expect(Layout(TUIFixtures.loaded([])).visibleRows == Self.rows80x24)
        var s = TUIFixtures.loaded(TUIFixtures.calls(100))
        s.press("pgdn")
        #expect(s.list.selected == 20)
        #expect(s.list.top == 1)  // the selection is the last row on screen
        s.press("pgdn", "pgdn", "pgdn", "pgdn", "pgdn")
        #expect(s.list.selected == 99)
        #expect(s.list.top == 80)
        s.press("pgup")
        #expect(s.list.selected == 79)
        #expect(s.list.top == 79)
        s.press("pgup", "pgup", "pgup", "pgup", "pgup")
        #expect(s.list.selected == 0)
        #expect(s.list.top == 0)
    }

    @Test func halfPagesMoveByHalfTheRows() {
        var s = TUIFixtures.loaded(TUIFixtures.calls(100))
        s.press("ctrl-d")
        #expect(s.list.selected == 10)
        #expect(s.list.top == 0)
        s.press("ctrl-d", "ctrl-d")
        #expect(s.list.selected == 30)
        #expect(s.list.top == 11)
        s.press("ctrl-u")
        #expect(s.list.selected == 20)
        #expect(s.list.top == 11)
        s.press("ctrl-u", "ctrl-u", "ctrl-u")
        #expect(s.list.selected == 0)
        #expect(s.list.top == 0)
    }

    @Test func topAndBottomWithBothKeys() {
        var s = TUIFixtures.loaded(TUIFixtures.calls(100))
        s.press("G")
        #expect((s.list.selected, s.list.top) == (99, 80))
        s.press("g")
        #expect((s.list.selected, s.list.top) == (0, 0))
        s.press("end")
        #expect(s.list.selected == 99)
        s.press("home")
        #expect(s.list.selected == 0)
    }

    @Test func shortListsDoNotScroll() {
        var s = TUIFixtures.loaded(TUIFixtures.calls(5))
        s.press("pgdn")
        #expect((s.list.selected, s.list.top) == (4, 0))
        s.press("ctrl-d", "G", "j")
        #expect((s.list.selected, s.list.top) == (4, 0))
    }

    @Test func resizingKeepsTheSelectionOnScreen() {
        var s = TUIFixtures.loaded(TUIFixtures.calls(100))
        s.press("ctrl-d", "j", "j", "j", "j", "j")
        #expect((s.list.selected, s.list.top) == (15, 0))
        #expect(s.send(.resized(TerminalSize(rows: 12, columns: 80))).isEmpty)
        #expect(s.size == TerminalSize(rows: 12, columns: 80))
        #expect(Layout(s).visibleRows == 8)
        #expect(s.list.top == 8)
        #expect(visible(s))
        // Growing again keeps the rows where they are while the selection stays visible.
        s.send(.resized(TUIFixtures.large))
        #expect(visible(s))
        #expect(s.list.top == 8)
        // At the end of the list, growing pulls earlier rows in rather than showing blank rows.
        s.press("G")
        s.send(.resized(TerminalSize(rows: 10, columns: 60)))
        #expect(s.list.top == 94)
        s.send(.resized(TUIFixtures.large))
        #expect(s.list.top == 100 - Layout(s).visibleRows)
        #expect(visible(s))
        // A tiny terminal still has one row, with the selection on it.
        s.send(.resized(TerminalSize(rows: 3, columns: 20)))
        #expect(visible(s))
    }

    @Test func openingTheDetailBelowKeepsTheSelectionOnScreen() {
        var s = TUIFixtures.loaded(TUIFixtures.calls(100))
        s.press("ctrl-d", "j", "j", "j", "j", "j")
        #expect(s.list.selected == 15)
        s.press("enter")
        #expect(s.detail.open)
        #expect(Layout(s).detail?.column == 0)  // below at 80 columns
        #expect(Layout(s).visibleRows == 7)
        #expect(s.list.top == 9)
        #expect(visible(s))
        // Moving with the detail open scrolls by the smaller list.
        s.press("pgdn")
        #expect(s.list.selected == 22)
        #expect(visible(s))
        // Toggling the detail beside gives the list its height back; toggling again keeps it visible.
        s.press("v")
        #expect(Layout(s).visibleRows == 20)
        #expect(visible(s))
        s.press("v")
        #expect(Layout(s).visibleRows == 7)
        #expect(visible(s))
        // Closing keeps the selection too.
        s.press("esc")
        #expect(!s.detail.open)
        #expect(visible(s))
        #expect(s.list.selected == 22)
    }

    @Test func theDetailSitsBesideOnWideTerminalsAndVTogglesIt() {
        var s = TUIFixtures.loaded(TUIFixtures.calls(100), size: TUIFixtures.large)
        s.press("G", "enter")
        let beside = Layout(s)
        #expect(beside.detail?.row == 1)
        #expect(beside.detail?.column == 88)
        #expect(beside.listBody.columns == 88)
        #expect(beside.visibleRows == 44)
        #expect(visible(s))
        s.press("v")
        #expect(s.detail.sideBySide == false)
        let below = Layout(s)
        #expect(below.detail?.column == 0)
        #expect(below.visibleRows == 17)
        #expect(visible(s))
        #expect(s.list.top == 83)
    }

    @Test func movingResetsTheDetailScroll() {
        var s = TUIFixtures.loaded([TUIFixtures.tien, TUIFixtures.nhung, TUIFixtures.chinese])
        s.press("enter", "enter", "j", "j", "j")
        #expect(s.detail.scroll == 3)
        s.press("tab", "j")
        #expect(s.list.selected == 1)
        #expect(s.detail.scroll == 0)
        // Moving to where it already is (clamped at the top) keeps the scroll.
        s.press("g", "tab", "j", "tab", "k")
        #expect(s.list.selected == 0)
        #expect(s.detail.scroll == 1)
    }

    @Test func theDetailScrollStopsAtItsEnd() {
        // The spec's call has 19 detail lines; 12 fit below the list at 80×24.
        var s = TUIFixtures.loaded([TUIFixtures.tien, TUIFixtures.nhung])
        s.press("enter", "enter")
        func indicator() -> String? {
            let border = Render.screen(s).line(Layout(s).detail!.row)
            return border.firstMatch(of: /[0-9]+–[0-9]+\/[0-9]+/).map { String($0.output) }
        }
        #expect(indicator() == "1–12/19")
        s.press("j")
        #expect(indicator() == "2–13/19")
        s.press("G")
        #expect(indicator() == "8–19/19")
        // One line up from the end shows one line earlier, not nothing.
        s.press("k")
        #expect(indicator() == "7–18/19")
        s.press("pgdn", "pgdn")
        #expect(indicator() == "8–19/19")
        s.press("ctrl-u")
        #expect(indicator() == "5–16/19")
        s.press("g")
        #expect(indicator() == "1–12/19")
    }
}
