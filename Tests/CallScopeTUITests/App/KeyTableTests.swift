import CallScopeKit
import Foundation
import Testing
@testable import CallScopeTUI

/// The config's `[keys]` table applied to the standard key table.
@Suite("Key table rebinding")
struct KeyTableTests {
    func keys(_ table: KeyTable, _ command: Command) -> [String] {
        table.bindings.first { $0.command == command }!.keys
    }

    @Test func rebindingACommandReplacesItsKeys() {
        let (table, problems) = KeyTable.standard.rebinding(["quit": "x", "find": "ctrl-f"])
        #expect(problems.isEmpty)
        #expect(keys(table, .quit) == ["x"])
        #expect(table.command(for: .char("x"), in: .list) == .quit)
        #expect(table.command(for: .char("q"), in: .list) == nil)
        #expect(table.command(for: .ctrl("f"), in: .detail) == .find)
        #expect(table.command(for: .char("/"), in: .list) == nil)
        // Everything else is as it was.
        #expect(table.command(for: .char("j"), in: .list) == .down)
        #expect(keys(table, .help) == ["?"])
    }

    @Test func aliasesAreReadAndStoredByTheirCanonicalNames() {
        let (table, problems) = KeyTable.standard.rebinding(["page-down": "C-f  space", "top": "Home ^A", "switch-pane": "btab"])
        #expect(problems.isEmpty)
        #expect(keys(table, .pageDown) == ["ctrl-f", "space"])
        #expect(keys(table, .top) == ["home", "ctrl-a"])
        #expect(keys(table, .switchPane) == ["shift-tab"])
        #expect(table.command(for: .char(" "), in: .list) == .pageDown)
        #expect(table.command(for: .backTab, in: .list) == .switchPane)
        #expect(table.command(for: .tab, in: .list) == nil)
    }

    @Test func aKeyTakenFromAnotherCommandMovesToTheNewOne() {
        // `k` was "up"; bound to "down" it must go down, and "up" keeps its other key.
        let (table, problems) = KeyTable.standard.rebinding(["down": "k"])
        #expect(problems.isEmpty)
        #expect(table.command(for: .char("k"), in: .list) == .down)
        #expect(table.command(for: .up, in: .list) == .up)
        #expect(table.command(for: .char("j"), in: .list) == nil)
        var s = TUIFixtures.loaded(TUIFixtures.calls(10))
        s.keys = table
        s.press("k", "k")
        #expect(s.list.selected == 2)
    }

    @Test func aCommandLeftWithoutKeysIsLeftOutOfTheFooter() {
        // `p` goes to the filter: "accounts" has no key left.
        let (table, problems) = KeyTable.standard.rebinding(["filter": "p"])
        #expect(problems.isEmpty)
        #expect(keys(table, .accounts).isEmpty)
        var s = TUIFixtures.loaded(TUIFixtures.calls(3))
        s.keys = table
        let footer = Render.screen(s).line(23)
        #expect(footer.hasPrefix(" p filter  / find"))
        #expect(!footer.contains("accounts"))
        s.press("p")
        #expect(s.overlay == .filter)
    }

    @Test func unknownCommandsAndKeyNamesAreReportedAndLeaveTheTableAlone() {
        let (table, problems) = KeyTable.standard.rebinding([
            "frobnicate": "z", "quit": "ctrl-q notakey", "help": "", "sort": "s",
        ])
        #expect(problems.count == 3)
        let joined = problems.joined(separator: "\n")
        #expect(problems.contains { $0.hasPrefix("[keys] frobnicate: no such command") && $0.contains("page-down") })
        #expect(problems.contains { $0.contains("[keys] quit = \"ctrl-q notakey\"") && $0.contains("notakey") && !$0.contains("ctrl-q,") })
        #expect(joined.contains("[keys] help"))
        #expect(keys(table, .quit) == ["q"])
        #expect(keys(table, .help) == ["?"])
        #expect(keys(table, .sort) == ["s"])
        // Sorted by command name, so the report is the same on every run.
        #expect(problems == problems.sorted())
    }

    @Test func helpIsGeneratedFromTheReboundTable() {
        var s = TUIFixtures.loaded(TUIFixtures.calls(3), size: TUIFixtures.large)
        s.keys = KeyTable.standard.rebinding(["refresh": "ctrl-r f5"]).table
        s.press("?")
        let help = Render.screen(s).text
        #expect(help.contains("ctrl-r f5"))
        #expect(help.contains("refresh from the provider"))
        // The footer hint follows too.
        s.press("esc")
        #expect(Render.screen(s).line(47).contains("ctrl-r refresh"))
        #expect(s.press("f5").syncs.count == 1)
        #expect(s.press("r").isEmpty)
    }

    @Test func bindingsApplyOnlyInTheirContexts() {
        let table = KeyTable.standard
        #expect(table.command(for: .char("q"), in: .picker) == .quit)
        #expect(table.command(for: .char("f"), in: .picker) == nil)
        #expect(table.command(for: .enter, in: .help) == nil)
        #expect(table.command(for: .ctrl("d"), in: .picker) == nil)
        #expect(table.command(for: .ctrl("d"), in: .detail) == .halfPageDown)
        #expect(table.bindings(in: .picker).map(\.command).contains(.open))
    }
}
