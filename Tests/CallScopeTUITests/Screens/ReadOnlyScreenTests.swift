import CallScopeKit
import Foundation
import Testing
@testable import CallScopeTUI

/// The list of a read-only run at 80×24 after `e`, as text against `Snapshots/`: `[read-only]` in
/// the title, the reason in the status line.
@Suite("Read-only screens")
struct ReadOnlyScreenTests {
    typealias F = TUIFixtures

    @Test func titleAndRefusedEdit() throws {
        var s = F.loaded(F.listCalls, size: F.small)
        s.readOnly = true
        s.press("j", "e")
        let screen = Render.screen(s)
        ScreenFacts.check(screen)
        Snapshot.check(screen, named: ScreenSnapshotTests.name("list-readonly", s.size))
        // The range gives way to the badge at 80 columns; the count stays.
        #expect(screen.line(0).hasPrefix(" callscope · omi (omicall) · 36 calls "))
        #expect(screen.line(0).hasSuffix("[read-only]  ? help"))
        #expect(screen.line(Layout(s).statusRow).contains(CallScopeError.readOnlyReason))
    }
}
