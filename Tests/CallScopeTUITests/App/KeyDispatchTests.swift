import CallScopeKit
import Foundation
import Testing
@testable import CallScopeTUI

/// One key, `j`, means something different in each context: the list, the detail pane, the
/// picker, help, the filter form and the find prompt.
@Suite("Reducer: key dispatch per context")
struct KeyDispatchTests {
    @Test func jInTheListMovesTheSelection() {
        var s = TUIFixtures.loaded(TUIFixtures.calls(10))
        #expect(s.press("j").isEmpty)
        #expect(s.list.selected == 1)
        #expect(s.detail.scroll == 0)
    }

    @Test func jWithTheDetailFocusedScrollsTheDetail() {
        var s = TUIFixtures.loaded(TUIFixtures.calls(10))
        s.press("enter", "enter")
        #expect(s.detail.open && s.detail.focus == .detail)
        s.press("j", "j")
        #expect(s.detail.scroll == 2)
        #expect(s.list.selected == 0)
        s.press("k", "k", "k")
        #expect(s.detail.scroll == 0)
        // The list keeps its place and gets the keys back on Tab.
        s.press("tab", "j")
        #expect(s.list.selected == 1)
        #expect(s.detail.scroll == 0)
    }

    @Test func jInThePickerMovesThePickerNotTheList() {
        var s = TUIFixtures.loaded(TUIFixtures.calls(10), accounts: TUIFixtures.all)
        s.press("p")
        #expect(s.overlay == .picker)
        #expect(s.pickerSelection == 0)
        s.press("j", "j")
        #expect(s.pickerSelection == 2)
        #expect(s.list.selected == 0)
    }

    @Test func anyKeyButMovementClosesHelpWithoutActing() {
        var s = TUIFixtures.loaded(TUIFixtures.calls(10))
        for key in ["?", "q", "esc", "enter", "space", "x", "f", "/", "r", "tab"] {
            s.press("?")
            #expect(s.overlay == .help)
            let effects = s.press(key)
            #expect(s.overlay == .none, "\(key) should close help")
            #expect(effects.isEmpty, "\(key)")
            #expect(!s.quitting)
            #expect(s.list.selected == 0, "\(key) acted on the list behind help")
        }
    }

    @Test func movementKeysScrollHelpWhenItIsTallerThanTheScreen() {
        var s = TUIFixtures.loaded(TUIFixtures.calls(30))
        s.press("?")
        let keys = HelpView.rows(s).count
        let shown = HelpView.visibleRows(s)
        #expect(shown == 19)  // 24 rows: 22 for the box, less its borders and footer
        #expect(keys > shown)
        #expect(s.press("j", "j").isEmpty)
        #expect(s.overlay == .help)
        #expect(s.helpScroll == 2)
        #expect(s.list.selected == 0)  // the list behind does not move
        s.press("G")
        #expect(s.helpScroll == keys - shown)
        s.press("pgdn", "j")
        #expect(s.helpScroll == keys - shown)
        s.press("k")
        #expect(s.helpScroll == keys - shown - 1)
        s.press("pgup")
        #expect(s.helpScroll == max(0, keys - shown - 1 - shown))
        s.press("G", "g")
        #expect(s.helpScroll == 0)
        // Opening help again starts at the top.
        s.press("G", "q")
        #expect(s.overlay == .none)
        #expect(!s.quitting)
        s.press("?")
        #expect(s.helpScroll == 0)
        // Where it all fits, nothing scrolls, and any key closes, as it says.
        var wide = TUIFixtures.loaded(TUIFixtures.calls(30), size: TerminalSize(rows: keys + 6, columns: 160))
        wide.press("?", "j")
        #expect(wide.helpScroll == 0)
        #expect(wide.overlay == .none)
        #expect(wide.list.selected == 0)
    }

    @Test func ctrlCInHelpCancelsTheSyncOrQuits() {
        var (s, _) = TUIFixtures.fetching()
        let sync = s.list.sync!.id
        s.press("?")
        #expect(s.press("ctrl-c") == [.cancelSync(id: sync)])
        #expect(s.overlay == .none)
        s.press("?")
        #expect(s.press("ctrl-c").last == .quit)
        #expect(s.quitting)
    }

    @Test func jInTheFilterFormIsTyped() {
        var s = TUIFixtures.loaded(TUIFixtures.calls(10))
        s.press("f", "tab", "tab", "tab")
        #expect(s.form?.fields[s.form!.focus].key == "phone")
        #expect(s.press("j").isEmpty)
        #expect(s.form?["phone"] == "j")
        #expect(s.overlay == .filter)
        #expect(s.list.selected == 0)
        // And `q` does not quit from inside the form.
        s.press("q")
        #expect(!s.quitting)
        #expect(s.form?["phone"] == "jq")
    }

    @Test func jInTheFindPromptIsTyped() {
        var s = TUIFixtures.loaded(TUIFixtures.calls(10))
        s.press("/")
        #expect(s.find.editing)
        s.press("j", "q")
        #expect(s.find.text == "jq")
        #expect(!s.quitting)
        #expect(s.list.selected == 0)
        s.press("enter")
        #expect(!s.find.editing)
        s.press("j")
        #expect(s.list.selected == 1)
    }

    @Test func anUnboundKeyDoesNothing() {
        var s = TUIFixtures.loaded(TUIFixtures.calls(10))
        let before = s.list.selected
        #expect(s.press("f5").isEmpty)
        #expect(s.press("z").isEmpty)
        #expect(s.list.selected == before)
        #expect(s.overlay == .none)
        #expect(s.send(.key(.resize)).isEmpty)
    }

    @Test func detailOnlyKeysNeedAnOpenDetail() {
        var s = TUIFixtures.loaded(TUIFixtures.calls(10))
        s.press("tab")
        #expect(s.detail.focus == .list)  // nothing to switch to
        s.press("enter", "tab")
        #expect(s.detail.focus == .detail)
        s.press("tab")
        #expect(s.detail.focus == .list)
    }

    @Test func enterOnAnEmptyListOpensNothing() {
        var s = TUIFixtures.loaded([])
        s.press("enter")
        #expect(!s.detail.open)
        #expect(s.press("j", "G", "ctrl-d").isEmpty)
        #expect(s.list.selected == 0)
    }

    @Test func ctrlLRedraws() {
        var s = TUIFixtures.loaded(TUIFixtures.calls(3))
        #expect(s.press("ctrl-l") == [.redraw])
        s.press("enter", "enter")
        #expect(s.press("ctrl-l") == [.redraw])
    }
}
