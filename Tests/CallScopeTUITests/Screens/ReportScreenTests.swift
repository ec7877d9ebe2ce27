import CallScopeKit
import Foundation
import Testing
@testable import CallScopeTUI
@testable import CallScopeText

/// The report overlay (`R`) at 80×24 and 160×48, as text against `Snapshots/`.
@Suite("Report screens")
struct ReportScreenTests {
    typealias F = TUIFixtures
    typealias R = ReportFixtures

    func render(_ state: AppState, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> ScreenBuffer {
        let screen = Render.screen(state)
        ScreenFacts.check(screen, sourceLocation: sourceLocation)
        Snapshot.check(screen, named: ScreenSnapshotTests.name(name, state.size), sourceLocation: sourceLocation)
        return screen
    }

    @Test(arguments: ScreenSnapshotTests.sizes)
    func report(_ size: TerminalSize) async throws {
        try await R.withStore { store in
            let state = try await R.reported(size: size, store: store)
            let screen = render(state, "report")
            let text = screen.text
            #expect(text.contains("90 calls · 38.9% answered · average talk 15:00, wait 0:08"))
            // The selection starts on the first disposition, beside the first direction.
            #expect(screen.lines.contains { $0.contains("▶ answered           35   38.9%         inbound            23   25.6%") })
            // Agents by display width: Vietnamese marks take no cell, Chinese two, escapes a placeholder.
            let agents = screen.lines.filter { $0.contains("1444 Tiến") || $0.contains("陈大文") || $0.contains("␛Đỗ Ngọc Ánh") }
            #expect(agents.count == 3)
            #expect(Set(agents.map { line in DisplayWidth.of(String(line[..<line.range(of: "│ ", options: .backwards)!.lowerBound])) }).count == 1)
            #expect(!text.contains("[31m"))
            if size.columns >= 160 {
                // Counts and the chart side by side, every hour on screen, bars in blocks.
                #expect(screen.lines.contains { $0.contains("▶ answered") && $0.contains("20 Nov 10:00        0") })
                #expect(screen.lines.contains { $0.contains("21 Nov 09:00       18  ████") })
                #expect(!text.contains("more"))
            } else {
                #expect(text.contains("↓ more"))
            }
        }
    }

    /// `G` goes to the last hour, scrolling the list; without UTF-8 the bars are `#`.
    @Test func scrolledToTheEndInASCII() async throws {
        try await R.withStore { store in
            var state = try await R.reported(size: F.small, store: store, unicode: false)
            state.press("G")
            let screen = render(state, "report-end-ascii")
            #expect(screen.text.contains("#") && !screen.text.contains("█"))
            #expect(screen.lines.contains { $0.contains("21 Nov 10:00") })
        }
    }

    @Test func whileFetching() throws {
        var state = F.loaded(R.calls, size: F.small)
        let effects = state.press("R")
        guard case .report(let id, _, _, _, _)? = effects.last else { Issue.record("\(effects)"); return }
        state.send(.reportUpdated(report: id, .running(fetched: 1500)))
        let screen = render(state, "report-running")
        #expect(screen.text.contains("fetching the range into the store: 1500 calls…"))
        #expect(screen.text.contains("esc cancels"))
    }
}
