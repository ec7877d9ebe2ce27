import CallScopeKit
import CallScopeStore
import Foundation
import Testing
@testable import CallScopeTUI

/// `readonly = true` / `--readonly`: `e` says why it cannot act, the title says `[read-only]`,
/// and no pending edit is sent when the provider answers.
@Suite("Read-only")
struct ReadOnlyTests {
    typealias F = TUIFixtures

    static func readOnly(_ state: AppState) -> AppState {
        var state = state
        state.readOnly = true
        return state
    }

    @Test func editIsDisabledWithTheReason() throws {
        var s = Self.readOnly(F.loaded(F.listCalls))
        let e = try #require(s.keys.binding(for: .char("e"), in: .list))
        #expect(s.disabledReason(e) == CallScopeError.readOnlyReason)
        #expect(s.press("e").isEmpty)
        #expect(s.editor == nil && s.overlay == .none)
        #expect(s.status == StatusLine(kind: .info, text: CallScopeError.readOnlyReason))
        // From the detail pane too.
        s.press("enter", "tab")
        #expect(s.keyContext == .detail)
        #expect(s.press("e").isEmpty)
        #expect(s.editor == nil)
    }

    @Test func writableTheEditorOpens() {
        var s = F.loaded(F.listCalls)
        #expect(s.press("e") == [.loadKnownTags(account: "omi")])
        #expect(s.keyContext == .editorNote)
    }

    @Test func helpGreysEditWithTheReason() throws {
        var s = Self.readOnly(F.loaded(F.listCalls, size: F.large))
        s.press("?")
        let screen = Render.screen(s)
        let row = try #require((0..<screen.rows).first { screen.line($0).contains("│ e ") })
        #expect(screen.styleLine(row) { $0.role == .dim ? "~" : "." }.contains("~~~~~~~~"))
        #expect(screen.line(row + 1).contains("off: the config is read-only"))
    }

    @Test func theTitleSaysReadOnly() {
        let s = Self.readOnly(F.loaded(F.listCalls))
        #expect(Render.screen(s).line(0).hasSuffix("[read-only]  ? help"))
        #expect(!Render.screen(F.loaded(F.listCalls)).line(0).contains("read-only"))
        // Beside the sandbox's badge.
        var sandbox = s
        sandbox.badge = "sandbox"
        #expect(Render.screen(sandbox).line(0).hasSuffix("[sandbox]  [read-only]  ? help"))
    }

    @Test func theProvidersAnswerSendsNoPendingEdit() {
        var s = Self.readOnly(F.loaded(F.calls(10), finished: false))
        let sync = s.list.sync!.id
        let effects = s.send(.syncProgress(sync: sync, SyncProgress(account: "omi", calls: 5, total: 10, elapsed: .seconds(1), finished: false)))
        #expect(!effects.contains(.syncEdits(account: "omi")))
        #expect(!effects.reads.isEmpty)
    }
}
