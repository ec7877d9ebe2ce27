import CallScopeKit
import Foundation
import Testing
@testable import CallScopeTUI

/// Open/back/switch-pane, the recording keys, the error overlay, signals, the VBot campaign
/// conversation, and the mouse.
@Suite("Reducer: detail, effects, signals, mouse")
struct DetailAndEffectsTests {
    typealias F = TUIFixtures

    @Test func openBackAndSwitchPane() {
        var s = F.loaded(F.listCalls)
        s.press("j")
        #expect(s.press("enter").withoutStoreWork.isEmpty)  // omicall: nothing extra to load
        #expect(s.detail.open)
        #expect(s.detail.focus == .list)
        s.press("enter")
        #expect(s.detail.focus == .detail)
        s.press("esc")
        #expect(s.detail.open)
        #expect(s.detail.focus == .list)
        s.press("esc")
        #expect(!s.detail.open)
        #expect(s.selectedID == F.nhung.id)
        // Esc with nothing open and nothing found does nothing.
        #expect(s.press("esc").isEmpty)
        #expect(!s.quitting)
        // The detail follows the selection.
        s.press("enter", "j")
        #expect(Render.screen(s).text.contains(F.chinese.id))
    }

    @Test func openRecordingAndCopyURL() {
        var s = F.loaded(F.listCalls)
        let url = F.tien.recordingURL!
        #expect(s.press("o") == [.openURL(url)])
        #expect(s.status == StatusLine(kind: .info, text: "opening the recording…"))
        #expect(s.press("y") == [.copy(url)])
        #expect(s.status == StatusLine(kind: .info, text: "recording URL copied to the clipboard"))
        // The keys work from the detail pane too.
        s.press("enter", "enter")
        #expect(s.press("o") == [.openURL(url)])
        #expect(s.press("y") == [.copy(url)])
    }

    @Test func aCallWithoutARecordingSaysSo() {
        var s = F.loaded(F.listCalls)
        s.press("j")
        #expect(s.press("o").isEmpty)
        #expect(s.status == StatusLine(kind: .info, text: "this call has no recording"))
        #expect(s.press("y").isEmpty)
        #expect(Render.screen(s).line(Layout(s).statusRow).contains("this call has no recording"))
        // Nothing selected at all: the same message, no effect.
        var empty = F.loaded([])
        #expect(empty.press("o", "y").isEmpty)
    }

    @Test func showErrorOpensTheWholeErrorAndAnyKeyClosesIt() {
        var s = F.loaded(F.listCalls)
        #expect(s.press("!").isEmpty)
        #expect(s.overlay == .none)  // no error to show
        s.status = StatusLine(kind: .info, text: "not an error")
        s.press("!")
        #expect(s.overlay == .none)
        s.press("r")
        let words = "omi: calls: HTTP 503: Hệ thống đang bảo trì, vui lòng thử lại sau. Mã lỗi 5003, yêu cầu 9f1c2e."
        s.send(.syncFailed(sync: s.list.sync!.id, message: words))
        s.press("!")
        #expect(s.overlay == .message)
        let text = Render.screen(s).text
        for word in ["5003,", "9f1c2e.", "bảo", "trì,"] { #expect(text.contains(word), "\(word)") }
        // Keys go to the overlay, not the list.
        s.press("j")
        #expect(s.overlay == .none)
        #expect(s.list.selected == 0)
        s.press("!", "esc")
        #expect(s.overlay == .none)
        #expect(s.status?.kind == .error)  // the status line still says it
    }

    @Test func signals() {
        // SIGINT while syncing cancels the sync, as Ctrl-C does; when idle it quits.
        var (s, _) = F.fetching()
        let sync = s.list.sync!.id
        #expect(s.send(.signal(.interrupt)) == [.cancelSync(id: sync)])
        #expect(!s.quitting)
        #expect(s.send(.signal(.interrupt)).last == .quit)
        #expect(s.quitting)
        // SIGTERM and SIGHUP quit at once, cancelling what runs.
        for signal in [TerminalSignal.terminate, .hangup] {
            var (t, _) = F.fetching()
            let sync = t.list.sync!.id
            let effects = t.send(.signal(signal))
            #expect(effects == [.cancelSync(id: sync), .quit])
            #expect(t.quitting)
            // Even from inside an overlay.
            var o = F.loaded(F.calls(3))
            o.press("f")
            #expect(o.send(.signal(signal)).last == .quit)
            #expect(o.quitting)
        }
    }

    @Test func aVBotCampaignCallLoadsItsConversationWhenOpened() {
        let other = CallRecord(account: "bot", provider: .vbotCampaign, id: "vb-7789", direction: .outbound, to: "0909000000",
                               startedAt: F.at("2026-11-21 09:20:00"), disposition: .missed)
        var s = F.loaded([F.botCall, other], accounts: [F.bot], size: F.large)
        #expect(s.press("enter").withoutStoreWork == [.loadConversation(account: "bot", callID: "vb-7788")])
        #expect(Render.screen(s).text.contains("loading…"))
        #expect(s.send(.conversationLoaded(callID: "vb-7788", text: "Bot: Chào chị Sáu\nKhách: Tôi quan tâm")).isEmpty)
        #expect(s.detail.conversations["vb-7788"] != nil)
        var screen = Render.screen(s).text
        #expect(screen.contains("Bot: Chào chị Sáu"))
        #expect(screen.contains("Khách: Tôi quan tâm"))
        #expect(screen.contains("Quan tâm: có"))
        // Moving opens the next call's conversation; coming back does not fetch it again.
        #expect(s.press("j").withoutStoreWork == [.loadConversation(account: "bot", callID: "vb-7789")])
        #expect(s.press("k").withoutStoreWork.isEmpty)
        // A conversation arriving for a call that is not selected is kept for later.
        s.send(.conversationLoaded(callID: "vb-7789", text: ""))
        s.press("j")
        screen = Render.screen(s).text
        #expect(screen.contains("(none)"))
        // Closed detail: moving loads nothing.
        s.press("esc")
        #expect(s.press("k", "j").isEmpty)
    }

    @Test func otherProvidersLoadNoConversation() {
        var s = F.loaded(F.calls(3, account: F.crm), accounts: [F.crm])
        #expect(s.press("enter", "j", "j").withoutStoreWork.isEmpty)
    }

    // MARK: Mouse

    static func click(row: Int, column: Int = 10) -> Action { .key(.mouse(MouseEvent(.press(1), row: row, column: column))) }

    @Test func wheelMovesTheSelectionByThree() {
        var s = F.loaded(F.calls(100))
        s.send(.key(.mouse(MouseEvent(.wheelDown, row: 5, column: 5))))
        #expect(s.list.selected == 3)
        s.send(.key(.mouse(MouseEvent(.wheelDown, row: 5, column: 5))))
        s.send(.key(.mouse(MouseEvent(.wheelUp, row: 5, column: 5))))
        #expect(s.list.selected == 3)
        s.send(.key(.mouse(MouseEvent(.wheelUp, row: 5, column: 5))))
        s.send(.key(.mouse(MouseEvent(.wheelUp, row: 5, column: 5))))
        #expect(s.list.selected == 0)
    }

    @Test func clickingARowSelectsIt() {
        var s = F.loaded(F.calls(100))
        s.press("pgdn")
        #expect(s.list.top == 1)
        // Screen row 2 is the first row of calls (row 0 title, row 1 header).
        s.send(Self.click(row: 2))
        #expect(s.list.selected == 1)
        s.send(Self.click(row: 7))
        #expect(s.list.selected == 6)
        #expect(Render.screen(s).line(7).hasPrefix("▶"))
        // The header, the title and the footer select nothing.
        s.send(Self.click(row: 1))
        s.send(Self.click(row: 0))
        s.send(Self.click(row: 23))
        #expect(s.list.selected == 6)
        // Releases and other buttons do nothing.
        s.send(.key(.mouse(MouseEvent(.release(1), row: 9, column: 3))))
        s.send(.key(.mouse(MouseEvent(.press(3), row: 9, column: 3))))
        #expect(s.list.selected == 6)
    }

    @Test func clickingMovesTheFocusBetweenListAndDetail() {
        var s = F.loaded(F.calls(20))
        s.press("enter")
        let layout = Layout(s)
        let detail = layout.detail!
        s.send(Self.click(row: detail.row + 3))
        #expect(s.detail.focus == .detail)
        #expect(s.list.selected == 0)
        s.send(Self.click(row: layout.listBody.row + 2))
        #expect(s.detail.focus == .list)
        #expect(s.list.selected == 2)
        // Beside the list on a wide terminal: a click right of the list goes to the detail.
        var wide = F.loaded(F.calls(20), size: F.large)
        wide.press("enter")
        let beside = Layout(wide).detail!
        wide.send(Self.click(row: 10, column: beside.column + 5))
        #expect(wide.detail.focus == .detail)
        #expect(wide.list.selected == 0)
    }

    /// Terminals differ in the modifiers they report: a modified wheel or click acts as the plain one.
    @Test func aModifiedWheelOrClickActsAsThePlainOne() {
        var s = F.loaded(F.calls(100))
        s.send(.key(.mouse(MouseEvent(.wheelDown, row: 5, column: 5, modifiers: .ctrl))))
        #expect(s.list.selected == 3)
        s.send(.key(.mouse(MouseEvent(.press(1), row: 3, column: 10, modifiers: [.alt, .shift]))))
        #expect(s.list.selected == 1)
    }

    @Test func clickingBelowTheLastCallSelectsNothingNew() {
        var s = F.loaded(F.calls(3))
        s.press("j")
        s.send(Self.click(row: 15))
        #expect(s.list.selected == 1)
    }

    @Test func theMouseDoesNotReachTheListThroughAnOverlay() {
        var s = F.loaded(F.calls(20), accounts: F.all)
        s.press("p")
        s.send(Self.click(row: 5))
        s.send(.key(.mouse(MouseEvent(.wheelDown, row: 5, column: 5))))
        #expect(s.list.selected == 0)
    }

    /// The list's rows come without the provider's record: the pane reads the selected call's,
    /// says so while it is read, and says why when it cannot be.
    @Test func thePaneReadsTheSelectedCallsProviderRecord() {
        var rows = [F.tien, F.calls(1)[0]]
        for n in rows.indices { rows[n].raw = .object([]) }
        var s = F.loaded(rows, size: F.large)
        #expect(s.press("enter").contains(.loadRecord(account: "omi", callID: F.tien.id)))
        #expect(Render.screen(s).text.contains("loading…"))
        s.send(.recordLoaded(ProviderRecord(callID: F.tien.id, raw: .success(["call_uuid": "4bae18d9", "hangup_by": "customer"]))))
        var screen = Render.screen(s).text
        #expect(screen.contains("\"hangup_by\": \"customer\"") && !screen.contains("loading…"))
        // The next call's record is read in turn; one arriving late for another call is not shown.
        #expect(s.press("j").contains(.loadRecord(account: "omi", callID: rows[1].id)))
        s.send(.recordLoaded(ProviderRecord(callID: F.tien.id, raw: .success(["late": true]))))
        #expect(!Render.screen(s).text.contains("late"))
        s.send(.recordLoaded(ProviderRecord(callID: rows[1].id, raw: .failure(.init(message: "the store: disk I/O error")))))
        screen = Render.screen(s).text
        #expect(screen.contains("could not be read: the store: disk I/O error"))
        // Back on the first call: read again (one record is kept, not a cache that grows).
        #expect(s.press("k").contains(.loadRecord(account: "omi", callID: F.tien.id)))
    }
}
