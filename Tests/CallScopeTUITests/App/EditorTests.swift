import CallScopeKit
import Foundation
import Testing
@testable import CallScopeTUI

/// The tag/note editor (`e`): typing, cursor movement, word jumps, chips, completion, saving,
/// the discard question, and where the edit stands afterwards.
@Suite("Reducer: the tag/note editor")
struct EditorTests {
    typealias F = TUIFixtures

    /// The list with the spec's call (note "Khách hỏi về khuyến mãi", tags vip, dongy) selected.
    func editing() -> AppState {
        var s = F.loaded(F.listCalls)
        let effects = s.press("e")
        #expect(effects == [.loadKnownTags(account: "omi")])
        #expect(s.overlay == .editor)
        return s
    }

    @Test func opensOnTheSelectedCallWithItsNoteAndTags() throws {
        let s = editing()
        let editor = try #require(s.editor)
        #expect(editor.callID == "20221104143655-LSKMQKWP-268")
        #expect(editor.noteText == "Khách hỏi về khuyến mãi")
        #expect(editor.tags == ["vip", "dongy"])
        #expect(editor.cursor == editor.note.count)
        #expect(!editor.changed)
    }

    @Test func wideCharactersAreInsertedAsTypedAndEnterStartsANewLine() throws {
        var s = editing()
        s.press("enter")
        s.type("Khách hẹn gọi lại lúc 15h, 广州")
        let editor = try #require(s.editor)
        #expect(editor.noteText == "Khách hỏi về khuyến mãi\nKhách hẹn gọi lại lúc 15h, 广州")
        #expect(editor.cursorLineColumn.line == 1)
        #expect(editor.changed)
    }

    @Test func arrowsHomeEndAndWordJumpsMoveTheCursor() throws {
        var s = editing()
        s.press("enter")
        s.type("ab")
        // Up keeps the column (2) on the first line; Home and End go to the line's ends.
        s.press("up")
        #expect(s.editor!.cursorLineColumn == (0, 2))
        s.press("end")
        #expect(s.editor!.cursorLineColumn == (0, 23))
        s.press("home")
        #expect(s.editor!.cursor == 0)
        s.press("ctrl-right")
        #expect(s.editor!.cursor == 5)  // after "Khách"
        s.press("ctrl-right", "ctrl-right")
        #expect(s.editor!.cursor == 12)  // after "về"
        s.press("ctrl-left")
        #expect(s.editor!.cursor == 10)  // before "về"
        s.press("left", "left")
        #expect(s.editor!.cursor == 8)
        s.press("down")
        #expect(s.editor!.cursorLineColumn == (1, 2))  // the short line's end
        s.press("right")
        #expect(s.editor!.cursorLineColumn == (1, 2))
    }

    @Test func backspaceAndDeleteRemoveACharacterEach() throws {
        var s = editing()
        s.press("backspace", "backspace", "backspace")
        #expect(s.editor!.noteText == "Khách hỏi về khuyến ")
        s.press("home", "delete", "delete")
        #expect(s.editor!.noteText == "ách hỏi về khuyến ")
        // Backspace at the start does nothing.
        s.press("backspace")
        #expect(s.editor!.noteText == "ách hỏi về khuyến ")
    }

    @Test func tagsAreChipsAddedWithEnterOrSpaceAndRemovedWithBackspace() throws {
        var s = editing()
        s.press("tab")
        #expect(s.editor!.focus == .tags)
        s.type("gọi-lại ")
        #expect(s.editor!.tags == ["vip", "dongy", "gọi-lại"])
        s.type("giahan")
        s.press("enter")
        #expect(s.editor!.tags == ["vip", "dongy", "gọi-lại", "giahan"])
        // A duplicate is not added twice.
        s.type("vip ")
        #expect(s.editor!.tags == ["vip", "dongy", "gọi-lại", "giahan"])
        s.type("x")
        s.press("backspace")  // removes the typed x
        #expect(s.editor!.tags.count == 4)
        s.press("backspace")  // empty: removes the last chip
        #expect(s.editor!.tags == ["vip", "dongy", "gọi-lại"])
    }

    @Test func tabCompletesFromTagsAlreadySeen() throws {
        var s = editing()
        s.send(.knownTagsLoaded(account: "omi", ["callback", "dongy", "khieu-nai", "vip"]))
        s.press("tab")
        #expect(s.editor!.suggestions == ["callback", "khieu-nai"])
        s.type("kh")
        s.press("tab")
        #expect(s.editor!.tagInput == "khieu-nai")
        s.press("enter")
        #expect(s.editor!.tags == ["vip", "dongy", "khieu-nai"])
        // Nothing to complete: Tab goes back to the note.
        s.press("tab")
        #expect(s.editor!.focus == .note)
    }

    @Test func ctrlSSavesTheNoteAndTagsAndTheEditorCloses() throws {
        var s = editing()
        s.press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
        s.type("đồng ý gia hạn")
        s.press("tab")
        s.type("giahan")   // typed but not yet a chip: saved all the same
        let effects = s.press("ctrl-s")
        let id = "20221104143655-LSKMQKWP-268"
        #expect(effects == [.save(account: "omi", callID: id, note: "Khách hỏi về đồng ý gia hạn", tags: ["vip", "dongy", "giahan"])])
        #expect(s.editor!.saving)
        // Keys wait while it saves.
        s.press("q")
        #expect(!s.quitting)
        s.send(.editSaved(callID: id, note: "Khách hỏi về đồng ý gia hạn", tags: ["vip", "dongy", "giahan"], record: nil, state: "synced", error: nil))
        #expect(s.overlay == .none)
        #expect(s.editor == nil)
        #expect(s.selectedCall?.note == "Khách hỏi về đồng ý gia hạn")
        #expect(s.selectedCall?.tags == ["vip", "dongy", "giahan"])
        #expect(s.annotationStates[id] == "synced")
        #expect(s.knownTags.contains("giahan"))
        s.press("enter")
        let pane = Render.screen(s).text
        #expect(pane.contains("(remote)  synced"))
    }

    @Test func aFailedSendKeepsTheTextAndShowsWhy() throws {
        var s = editing()
        s.type(", gọi lại")
        let id = "20221104143655-LSKMQKWP-268"
        let note = "Khách hỏi về khuyến mãi, gọi lại"
        #expect(s.press("ctrl-s").count == 1)
        s.send(.editSaved(callID: id, note: note, tags: ["vip", "dongy"], record: nil, state: "failed: omi: HTTP 500", error: "omi: HTTP 500"))
        #expect(s.status?.kind == .error)
        #expect(s.status?.text.contains("omi: HTTP 500") == true)
        #expect(s.annotationStates[id] == "failed: omi: HTTP 500")
        // Reopened, the editor has the text that was typed.
        s.press("e")
        #expect(s.editor?.noteText == note)
        s.press("esc")
        s.press("enter")
        #expect(Render.screen(s).text.contains("(remote)  failed: omi: HTTP 500"))
    }

    @Test func escClosesAnUnchangedEditorAndAsksBeforeDroppingChanges() {
        var s = editing()
        s.press("esc")
        #expect(s.overlay == .none)
        #expect(s.editor == nil)
        s.press("e")
        s.type("!")
        s.press("esc")
        #expect(s.overlay == .editor)
        #expect(s.editor!.confirmingDiscard)
        #expect(Render.screen(s).text.contains("discard changes? y/n"))
        // n goes back to editing, with the text.
        s.press("n")
        #expect(!s.editor!.confirmingDiscard)
        #expect(s.editor!.noteText.hasSuffix("!"))
        s.press("esc", "y")
        #expect(s.overlay == .none)
        #expect(s.selectedCall?.note == "Khách hỏi về khuyến mãi")
    }

    @Test func listKeysDoNotLeakIntoTheEditor() {
        var s = editing()
        s.type("q/jfs")
        #expect(!s.quitting)
        #expect(s.overlay == .editor)
        #expect(s.editor!.noteText == "Khách hỏi về khuyến mãiq/jfs")
        #expect(!s.find.editing && s.form == nil)
    }

    @Test func openingACallAsksTheStoreWhereItsEditStands() {
        var s = F.loaded(F.listCalls)
        let effects = s.press("enter")
        #expect(effects.contains(.loadAnnotationState(account: "omi", callID: "20221104143655-LSKMQKWP-268")))
        s.send(.annotationStateLoaded(callID: "20221104143655-LSKMQKWP-268", "pending"))
        #expect(Render.screen(s).text.contains("(remote)  pending"))
        let next = s.press("j")
        #expect(next.contains(.loadAnnotationState(account: "omi", callID: s.selectedID!)))
    }
}
