import CallScopeKit
import Foundation
import Testing
@testable import CallScopeTUI

@Suite("Reducer: find and sort")
struct FindSortTests {
    typealias F = TUIFixtures

    static func customer(_ id: String, _ name: String, from: String = "0901000000", minutesAgo: Double, talk: Int? = nil,
                         direction: Direction = .inbound) -> CallRecord {
        CallRecord(account: "omi", provider: .omicall, id: id, direction: direction, from: from, to: "1066", agent: "1444",
                   customerName: name, startedAt: F.now.addingTimeInterval(-60 * minutesAgo), talkSeconds: talk, disposition: .answered)
    }

    static let people = [
        customer("a", "Nguyễn Văn Đức", minutesAgo: 1, talk: 30, direction: .outbound),
        customer("b", "Lê Thị Hoa", from: "0868887835", minutesAgo: 2, talk: 300),
        customer("c", "ĐẶNG ĐỨC ANH", minutesAgo: 3, talk: nil, direction: .internal),
        customer("d", "Trần Minh", minutesAgo: 4, talk: 5),
        customer("e", "陈大文", minutesAgo: 5, talk: 61, direction: .unknown),
    ]

    @Test func findsAsYouTypeFoldingCaseAndVietnameseMarks() {
        var s = F.loaded(Self.people)
        s.press("j", "/")
        #expect(s.find.editing)
        s.type("duc")
        #expect(s.selectedID == "c")  // ĐẶNG ĐỨC ANH, the first match from the selection
        #expect(s.find.text == "duc")
        let prompt = Render.screen(s).line(Layout(s).statusRow)
        #expect(prompt == " /duc")
        s.press("enter")
        #expect(!s.find.editing)
        #expect(Render.screen(s).line(Layout(s).statusRow).contains("find “duc”: n next, N previous"))
    }

    @Test func nAndNWrapAround() {
        var s = F.loaded(Self.people)
        s.press("/")
        s.type("DUC")
        #expect(s.selectedID == "a")
        s.press("enter", "n")
        #expect(s.selectedID == "c")
        s.press("n")
        #expect(s.selectedID == "a")  // wrapped past the end
        s.press("N")
        #expect(s.selectedID == "c")  // wrapped past the start
        s.press("N")
        #expect(s.selectedID == "a")
    }

    @Test func findsPhoneNumbersAndCJK() {
        var s = F.loaded(Self.people)
        s.press("/")
        s.type("08688")
        #expect(s.selectedID == "b")
        s.press("esc", "/")
        s.type("大文")
        #expect(s.selectedID == "e")
    }

    @Test func noMatchSaysSoAndKeepsTheSelection() {
        var s = F.loaded(Self.people)
        s.press("j", "j", "/")
        s.type("zzz")
        #expect(s.list.selected == 2)
        #expect(s.status == StatusLine(kind: .info, text: "no loaded call matches “zzz”"))
        // Correcting the text to something that matches clears the message.
        s.press("backspace", "backspace", "backspace")
        s.type("hoa")
        #expect(s.selectedID == "b")
        s.press("enter")
        #expect(s.status == nil)
        #expect(Render.screen(s).line(Layout(s).statusRow).contains("find “hoa”"))
        // n with nothing else matching stays on the one match.
        s.press("n")
        #expect(s.selectedID == "b")
    }

    @Test func escInThePromptDropsTheTextAndEscInTheListClearsAFind() {
        var s = F.loaded(Self.people)
        s.press("/")
        s.type("tr")
        #expect(s.selectedID == "d")
        s.press("esc")
        #expect(!s.find.editing)
        #expect(s.find.text.isEmpty)
        #expect(s.selectedID == "d")  // the selection stays where the find took it
        s.press("/")
        s.type("hoa")
        s.press("enter")
        #expect(s.find.text == "hoa")
        s.press("esc")
        #expect(s.find.text.isEmpty)
        // n with no find text does nothing.
        s.press("g", "n", "N")
        #expect(s.list.selected == 0)
    }

    @Test func findOnAnEmptyListSaysNothingAndMovesNothing() {
        var s = F.loaded([])
        s.press("/")
        #expect(s.type("abc").isEmpty)
        #expect(s.list.selected == 0)
    }

    @Test func sortCyclesColumnsAndKeepsTheSelectedCall() {
        var s = F.loaded(Self.people)
        s.press("j", "j", "j")
        #expect(s.selectedID == "d")
        s.press("s")
        #expect((s.list.sort, s.list.ascending) == (.direction, true))
        #expect(s.ids == ["b", "d", "c", "a", "e"])  // inbound (newest first), internal, outbound, unknown
        #expect(s.selectedID == "d")
        s.press("s")
        #expect(s.list.sort == .from)
        #expect(s.ids == ["b", "a", "c", "d", "e"])  // 0868… before 0901…, then newest first
        #expect(s.selectedID == "d")
        s.press("s", "s", "s", "s")
        #expect((s.list.sort, s.list.ascending) == (.talk, false))
        #expect(s.ids == ["b", "e", "a", "d", "c"])  // longest first, no talk last
        #expect(s.selectedID == "d")
        // The header marks the column and the direction.
        #expect(Render.screen(s).line(1).contains("Talk↓"))
        s.press("s")
        #expect((s.list.sort, s.list.ascending) == (.time, false))
        #expect(s.ids == ["a", "b", "c", "d", "e"])
        #expect(Render.screen(s).line(1).contains("Time↓"))
    }

    @Test func reverseSortKeepsTheSelectedCallOnScreen() {
        var s = F.loaded(F.calls(100))
        s.press("j", "j")
        #expect(s.selectedID == "c2")
        s.press("S")
        #expect(s.list.ascending)
        #expect(s.ids.first == "c99")
        #expect(s.selectedID == "c2")
        #expect(s.list.selected == 97)
        #expect(s.list.top <= 97 && 97 < s.list.top + Layout(s).visibleRows)
        #expect(Render.screen(s).line(1).contains("Time↑"))
        s.press("S")
        #expect(s.ids.first == "c0")
        #expect(s.selectedID == "c2")
    }
}
