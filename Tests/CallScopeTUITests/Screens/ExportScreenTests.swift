import CallScopeKit
import Foundation
import Testing
@testable import CallScopeTUI

/// The export form (`x`) at 80×24, as text against `Snapshots/`.
@Suite("Export screens")
struct ExportScreenTests {
    typealias F = TUIFixtures

    @Test func exportForm() throws {
        var s = F.loaded(F.listCalls, size: F.small)
        s.export.folder = "/home/thu/Downloads/callscope"
        s.filter.direction = "inbound"
        s.filter.provider = ["keyword": "khuyen mai"]
        s.press("x", "right", "tab")
        let screen = Render.screen(s)
        ScreenFacts.check(screen)
        Snapshot.check(screen, named: ScreenSnapshotTests.name("export", s.size))
        let text = screen.text
        #expect(text.contains("export · omi"))
        #expect(text.contains("‹ ndjson ›"))
        #expect(text.contains("/home/thu/Downloads/callscope/omi-20261121-1000.ndjson"))
        #expect(text.contains("20 Nov 10:00 → 21 Nov 10:00, the whole range · inbound"))
        #expect(text.contains("the provider's own filters (keyword) do not apply"))
        #expect(text.contains("as `callscope calls --format ndjson --offline` prints them"))
        // The cursor is at the end of the path being edited.
        let cursor = try #require(screen.cursor)
        #expect(screen.line(cursor.row).contains("Path"))
        #expect(screen[cursor.row, cursor.column - 1].text == "n")
    }
}
