import CallScopeKit
import Foundation
import Testing

/// The report (`R`) in the built binary, in tmux, against the sandbox.
@Suite("TUI report end to end (tmux)") struct ReportEndToEndTests {
    /// R shows the report of the day; Enter on an agent lists that agent's calls, as many as the
    /// report counted; Esc brings the whole day back.
    @Test func reportThenEnterOnAnAgentFiltersTheList() async throws {
        try await withCLI(calls: 20000) { cli, _ in
            // The last 24 hours as fixed times: a relative range would move on while a loaded
            // machine runs the test, and the day Esc brings back would hold a call fewer.
            let now = Date()
            let day = "--account omi --from \(RFC3339.string(from: now.addingTimeInterval(-86400))) --to \(RFC3339.string(from: now))"
            try await TUIEndToEndTests().withApp(cli, day) { tmux in
                // The whole day: listed, and synced (the count grows while the sync runs).
                let list = try await tmux.waitFor("the day's calls listed and synced") { screen in
                    !screen.contains("fetching") && !screen.contains("syncing") && screen.selectedRow != nil
                }
                let total = try #require(Self.count(in: list.lines[0]))
                try await tmux.send("R")
                let report = try await tmux.waitFor("the report") { $0.contains("Disposition") && $0.contains("▶ answered") }
                #expect(report.contains("\(total) calls · "), "the report counts the listed day")
                // Down past the five dispositions: the first agent, the one with most calls.
                try await tmux.send("Down", "Down", "Down", "Down", "Down")
                let onAgent = try await tmux.waitFor("an agent selected") { screen in
                    screen.lines.contains { $0.contains("│ ▶ 1") }
                }
                let row = try #require(onAgent.lines.first { $0.contains("│ ▶ 1") })
                let fields = row.split(separator: "│")[1].split(separator: " ").map(String.init)  // ▶ 1003 Đỗ Ngọc Tâm 6 3 3 9:14
                let agent = fields[1], calls = try #require(Int(fields[fields.count - 4]))
                #expect(calls > 0 && calls < total)
                try await tmux.send("Enter")
                let filtered = try await tmux.waitFor("only \(agent)'s calls", settled: true) { screen in
                    screen.contains("from the report: agent \(agent)") && !screen.contains("Disposition") && !screen.contains("fetching")
                        && Self.count(in: screen.lines[0]) == calls
                }
                let rows = filtered.callRows
                #expect(rows.count == min(calls, rows.count) && !rows.isEmpty)
                #expect(rows.allSatisfy { $0.contains(" \(agent) ") }, "\(filtered)")
                // The form shows the drill-down.
                try await tmux.send("f")
                let form = try await tmux.waitFor(text: "Quick range")
                #expect(form.lines.contains { $0.contains("Agent") && $0.contains(agent) })
                try await tmux.send("Escape")
                // The form closed, and the drill-down's refresh of the newest calls over (Esc
                // would cancel it rather than leave the drill-down).
                try await tmux.waitFor("the form closed") { !$0.contains("Quick range") && !$0.contains("syncing") }
                // Esc on the list: the day as before.
                try await tmux.send("Escape")
                try await tmux.waitFor("the whole day again") { screen in
                    Self.count(in: screen.lines[0]) == total && !screen.contains("fetching")
                }
                try await tmux.send("q")
                try await TUIEndToEndTests().expectRestored(tmux)
            }
        }
    }

    /// The title's count: `… · 943 calls · …`.
    static func count(in title: String) -> Int? {
        guard let range = title.range(of: " calls", options: .backwards) else { return nil }
        return Int(title[..<range.lowerBound].split(separator: " ").last ?? "")
    }
}
