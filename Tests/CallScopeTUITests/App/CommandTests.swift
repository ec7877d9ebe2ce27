import CallScopeKit
import Foundation
import Testing
import CallScopeStore
@testable import CallScopeTUI

/// Every command of the key table, pressed through its standard key on a loaded list: the switch
/// has no default, so a new command does not compile until it has a test here.
@Suite("Reducer: every command")
struct CommandTests {
    /// The list of the screens with the third call (the Chinese one, no recording) selected, idle.
    static func base() -> AppState {
        var s = TUIFixtures.loaded(TUIFixtures.listCalls)
        s.press("j", "j")
        return s
    }

    static func key(for command: Command) -> String {
        KeyTable.standard.bindings.first { $0.command == command }!.keys[0]
    }

    @Test func everyCommandHasAKeyInTheListAndAHelpLine() {
        for command in Command.allCases {
            let binding = KeyTable.standard.bindings.filter { $0.command == command }
            #expect(binding.count == 1, "\(command)")
            #expect(binding.first?.contexts.contains(.list) == true, "\(command) has no key in the list")
            #expect(binding.first?.description.isEmpty == false)
        }
        // No key does two things in one context.
        for context in KeyContext.allCases {
            let keys = KeyTable.standard.bindings(in: context).flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "\(context)")
        }
    }

    @Test(arguments: Command.allCases)
    func eachCommandDoesWhatItSays(_ command: Command) throws {
        var s = Self.base()
        #expect(s.selectedID == TUIFixtures.chinese.id)
        // What some commands need first.
        switch command {
        case .back, .switchPane: s.press("enter")
        case .findNext, .findPrevious: s.find.text = "tiến"
        case .openRecording, .copyURL, .download: s.press("g")
        case .showError:
            s.press("r")
            s.send(.syncFailed(sync: s.list.sync!.id, message: "omi: calls: HTTP 500: busy"))
        default: break
        }
        let effects = s.press(Self.key(for: command))
        switch command {
        case .quit:
            #expect(s.quitting)
            #expect(effects.last == .quit)
        case .help: #expect(s.overlay == .help)
        case .redraw: #expect(effects == [.redraw])
        case .cancel:
            // Idle: Ctrl-C quits.
            #expect(s.quitting)
            #expect(effects.contains(.quit))
        case .up: #expect(s.list.selected == 1)
        case .down: #expect(s.list.selected == 3)
        case .pageUp: #expect(s.list.selected == 0)
        case .pageDown: #expect(s.list.selected == 22)
        case .halfPageUp: #expect(s.list.selected == 0)
        case .halfPageDown: #expect(s.list.selected == 12)
        case .top: #expect(s.list.selected == 0)
        case .bottom: #expect(s.list.selected == TUIFixtures.listCalls.count - 1)
        case .scrollUp: #expect(s.list.selected == 0)
        case .scrollDown: #expect(s.list.selected == 5)
        case .selectAt:
            // A key name has no place: the click lands on the title (row 0), which selects nothing.
            #expect(s.list.selected == 2)
            s.send(.key(.mouse(MouseEvent(.press(1), row: 3, column: 10))))
            #expect(s.list.selected == 1)
        case .open:
            #expect(s.detail.open)
            #expect(s.detail.focus == .list)
        case .back: #expect(!s.detail.open)
        case .switchPane: #expect(s.detail.focus == .detail)
        case .toggleLayout: #expect(s.detail.sideBySide == true)
        case .filter:
            #expect(s.overlay == .filter)
            #expect(s.form?.fields.map(\.key).prefix(3) == ["range", "from", "to"])
        case .accounts: #expect(s.overlay == .picker)
        case .find: #expect(s.find.editing)
        // Find and sort read the whole list from the store (`ListWindowTests` follows them there).
        case .findNext: #expect(effects.reads.map(\.anchor) == [.find("tiến", from: StoreCursor(after: TUIFixtures.chinese), forward: true)])
        case .findPrevious: #expect(effects.reads.map(\.anchor) == [.find("tiến", from: StoreCursor(after: TUIFixtures.chinese), forward: false)])
        case .sort:
            #expect(s.list.sort == .direction)
            let read = try #require(effects.reads.first)
            #expect(read.anchor == .around(StoreCursor(after: TUIFixtures.chinese, sort: .direction)))
            #expect(read.query.sort == .direction && read.query.order == .oldestFirst)
        case .reverseSort:
            #expect(s.list.ascending)
            let read = try #require(effects.reads.first)
            #expect(read.anchor == .around(StoreCursor(after: TUIFixtures.chinese)))
            #expect(read.query.sort == .time && read.query.order == .oldestFirst)
        case .refresh:
            #expect(effects.syncs.count == 1)
            #expect(s.list.syncing)
        case .openRecording: #expect(effects == [.openURL(TUIFixtures.tien.recordingURL!)])
        case .copyURL: #expect(effects == [.copy(TUIFixtures.tien.recordingURL!)])
        case .download: #expect(effects == [.download(TUIFixtures.tien)])
        case .showError: #expect(s.overlay == .message)
        case .edit:
            #expect(s.overlay == .editor)
            #expect(s.editor?.callID == TUIFixtures.chinese.id)
        case .search: #expect(s.search.editing)
        case .export:
            #expect(s.overlay == .export)
            #expect(s.export.form?.format == .csv)
        case .report:
            #expect(s.overlay == .report)
            guard case .report(_, "omi", let query, nil, .hours)? = effects.last else { Issue.record("\(effects)"); return }
            #expect(query == s.filter.query(zone: TUIFixtures.hcm, now: TUIFixtures.now))
        }
        if ![.quit, .cancel, .refresh, .openRecording, .copyURL, .redraw].contains(command) {
            #expect(!effects.contains(.quit))
            #expect(effects.syncs.isEmpty)
        }
    }
}
