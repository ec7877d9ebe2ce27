import CallScopeKit
import Foundation
import Testing
@testable import CallScopeTUI

/// Every screen's keys are data in the one table: a context for each screen, derived from the
/// state in one place, bindings the config can move, and bindings that say why they cannot act.
@Suite("Key contexts, rebinding every screen, disabled bindings")
struct KeyContextTests {
    typealias F = TUIFixtures

    /// The key table as `callscope tui` makes it from a config's text.
    static func table(_ config: String) throws -> KeyTable {
        let loaded = try ConfigLoader.parse(config, environment: [:])
        let (table, problems) = KeyTable.standard.rebinding(loaded.config.keys)
        #expect(problems.isEmpty)
        return table
    }

    @Test func eachScreenHasItsContext() {
        var s = F.loaded(F.listCalls)
        #expect(s.keyContext == .list)
        s.press("enter", "enter")
        #expect(s.keyContext == .detail)
        s.press("/")
        #expect(s.keyContext == .find)
        #expect(s.footerContext == .detail)
        s.press("esc", "F")
        #expect(s.keyContext == .search)
        #expect(s.footerContext == .detail)
        s.press("esc", "esc", "f")
        #expect(s.keyContext == .filterForm)
        #expect(s.footerContext == .list)
        s.press("esc", "e")
        #expect(s.keyContext == .editorNote)
        s.press("tab")
        #expect(s.keyContext == .editorTags)
        s.type("x")
        s.press("esc")
        #expect(s.keyContext == .discard)
        s.press("y", "x")
        #expect(s.keyContext == .exportForm)
        s.press("esc", "R")
        #expect(s.keyContext == .report)
        s.press("esc", "p")
        #expect(s.keyContext == .picker)
        #expect(s.footerContext == .picker)
        s.press("?")
        #expect(s.keyContext == .help)
    }

    @Test func aFormKeyReboundInTheConfigMovesTheFieldAndTheOldKeyNoLonger() throws {
        let keys = try Self.table("""
            [keys]
            form-next = "ctrl-n"
            form-apply = "f2"
            """)
        var s = F.loaded(F.listCalls)
        s.keys = keys
        s.press("f")
        #expect(s.form?.focus == 0)
        s.press("tab", "enter")
        #expect(s.form?.focus == 0)
        #expect(s.overlay == .filter)
        s.press("ctrl-n", "ctrl-n", "ctrl-n")
        #expect(s.form?.fields[s.form!.focus].key == "phone")
        s.type("0901")
        #expect(s.press("f2").syncs.count == 1)
        #expect(s.overlay == .none)
        #expect(s.filter.phone == "0901")
        // The export form shares the form's keys.
        s.press("x", "ctrl-n")
        #expect(s.export.form?.focus == .path)
        // The list's keys are untouched: tab still switches panes there.
        #expect(keys.command(for: .tab, in: .list) == .switchPane)
    }

    @Test func anEditorKeyReboundInTheConfigSavesAndTheOldKeyNoLonger() throws {
        let keys = try Self.table("""
            [keys]
            editor-save = "ctrl-w"
            """)
        var s = F.loaded(F.listCalls)
        s.keys = keys
        s.press("e")
        s.type(" ok")
        #expect(s.press("ctrl-s").isEmpty)
        #expect(s.editor?.saving == false)
        let effects = s.press("ctrl-w")
        #expect(effects == [.save(account: "omi", callID: F.listCalls[0].id, note: (F.listCalls[0].note ?? "") + " ok",
                                  tags: F.listCalls[0].tags)])
        // Help lists the editor's keys as rebound.
        var help = F.loaded(F.listCalls, size: F.large)
        help.keys = keys
        #expect(Self.helpText(help).contains { $0.contains("│ ctrl-w ") && $0.contains("save the note and tags") })
    }

    @Test func theFindAndSearchPromptsAreReboundApart() throws {
        var s = F.loaded(F.listCalls)
        s.keys = try Self.table("""
            [keys]
            find-accept = "tab"
            search-cancel = "ctrl-g"
            """)
        s.press("/")
        s.type("ti")
        s.press("enter")
        #expect(s.find.editing)
        s.press("tab")
        #expect(!s.find.editing)
        #expect(s.find.text == "ti")
        // The search prompt keeps enter and has lost esc.
        s.press("F")
        s.press("esc")
        #expect(s.search.editing)
        s.press("ctrl-g")
        #expect(!s.search.editing)
        s.press("F")
        s.type("duc")
        #expect(s.press("enter").reads.first?.query.text == "duc")
        #expect(s.search.active == "duc")
    }

    /// The mouse is bound like a key: `select-at` moved to the right button, the wheel turned round.
    @Test func theMouseIsReboundThroughTheConfig() throws {
        var s = F.loaded(F.calls(100))
        s.keys = try Self.table("""
            [keys]
            select-at = "click3"
            scroll-down = "wheel-up"
            """)
        s.send(.key(.mouse(MouseEvent(.wheelUp, row: 5, column: 5))))
        #expect(s.list.selected == 3)
        s.send(.key(.mouse(MouseEvent(.wheelDown, row: 5, column: 5))))
        #expect(s.list.selected == 3)
        // Screen row 4 is the list's third row.
        s.send(.key(.mouse(MouseEvent(.press(1), row: 4, column: 10))))
        #expect(s.list.selected == 3)
        s.send(.key(.mouse(MouseEvent(.press(3), row: 4, column: 10))))
        #expect(s.list.selected == 2)
    }

    /// The filter form's and help's lines of keys, and the find's status line, name the keys bound.
    @Test func keyLinesNameTheReboundKeys() throws {
        var s = F.loaded(F.listCalls)
        s.keys = try Self.table("""
            [keys]
            choice-previous = "ctrl-b"
            up = "ctrl-p"
            find-next = "ctrl-n"
            """)
        s.press("f")
        #expect(Render.screen(s).text.contains("ctrl-b/right/space cycle ‹ ›"))
        s.press("esc", "?")
        #expect(Render.screen(s).text.contains("ctrl-p down pgup pgdn: more keys"))
        s.press("esc")
        s.find.text = "tiến"
        #expect(Render.screen(s).text.contains("find “tiến”: ctrl-n next, N previous"))
    }

    /// Every line help shows, page after page.
    static func helpText(_ state: AppState) -> [String] {
        var s = state
        s.press("?")
        var lines: [String] = []
        for _ in 0...HelpView.maxScroll(s) {
            lines += Render.screen(s).lines
            s.helpScroll += 1
        }
        return lines
    }

    @Test(arguments: [KeyContext.list, .detail])
    func helpListsEveryBindingOfEveryContext(_ pane: KeyContext) {
        var s = F.loaded(F.listCalls)
        if pane == .detail { s.press("enter", "enter") }
        let lines = Self.helpText(s)
        for context in KeyContext.allCases {
            for binding in KeyTable.standard.bindings(in: context) {
                let keys = binding.keys.joined(separator: " ")
                #expect(lines.contains { $0.contains("│ \(keys) ") && $0.contains(" \(binding.description)") },
                        "\(context): \(binding.action.name)")
            }
            if context != pane, KeyTable.standard.bindings.contains(where: { $0.contexts == [context] }) {
                #expect(lines.contains { $0.contains("── \(context.rawValue) ──") }, "\(context)")
            }
        }
    }

    @Test func downloadOnACallWithoutARecordingIsDisabledWithItsReason() throws {
        var s = F.loaded(F.listCalls, size: F.large)
        s.press("j", "j")
        #expect(s.selectedCall?.recordingURL == nil)
        let d = try #require(s.keys.binding(for: .char("d"), in: .list))
        #expect(s.disabledReason(d) == "this call has no recording")
        #expect(s.press("d").isEmpty)
        #expect(s.status == StatusLine(kind: .info, text: "this call has no recording"))
        #expect(s.downloads.status.isEmpty)
        // Help greys it, with the reason under it.
        s.press("?")
        let screen = Render.screen(s)
        let row = try #require((0..<screen.rows).first { screen.line($0).contains("│ d ") })
        #expect(screen.styleLine(row) { $0.role == .dim ? "~" : "." }.contains("~~~~~~~~"))
        #expect(screen.line(row + 1).contains("off: this call has no recording"))
        // On a call with one it acts.
        s.press("esc", "g")
        #expect(s.disabledReason(d) == nil)
        #expect(s.press("d") == [.download(F.listCalls[0])])
    }

    /// A status line that tells which key cancels names the key bound, not the default.
    @Test func statusLinesNameTheReboundKey() throws {
        var s = F.loaded(F.listCalls, size: F.large)
        s.keys = try Self.table("[keys]\ndownload = \"D\"\n")
        #expect(s.press("D") == [.download(F.listCalls[0])])
        #expect(s.status?.text == "downloading the recording… D again cancels")
        s.keys = try Self.table("[keys]\nexport = \"X\"\n")
        #expect(AppState.exportText(path: "out.csv", .syncing(fetched: 5, total: nil), cancelKey: s.keyName(.export))
                == "export: fetching the range into the store, 5 calls… X cancels")
    }

    @Test func findNextAndShowErrorSayWhyTheyCannotAct() {
        // `n` with nothing found before says so instead of doing nothing.
        var s = F.loaded(F.listCalls)
        #expect(s.press("n").isEmpty)
        #expect(s.status?.text == "nothing to find: / first")
        s.press("!")
        #expect(s.overlay == .none)
        #expect(s.status?.text == "no error to show")
    }

    /// The footer of an empty list: `/ find` has nothing to find in, so it is greyed (`~`).
    @Test func theFooterGreysADisabledBinding() {
        let s = F.loaded([])
        let screen = Render.screen(s)
        let row = Layout(s).footerRow
        let marks = screen.styleLine(row) { $0.role == .dim ? "~" : $0.role == .key ? "k" : "." }
        Snapshot.check(text: screen.line(row, trimmed: false) + "\n" + marks + "\n", named: "footer-disabled-80x24")
        var after = s
        #expect(after.press("/").isEmpty)
        #expect(!after.find.editing)
        #expect(after.status?.text == "no calls to find in")
    }
}
