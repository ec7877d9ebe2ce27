import CallScopeKit
import Foundation
import TerminalTestSupport
import Testing

/// `x` in the built binary in tmux against the sandbox: the file holds what `callscope calls`
/// prints for the same account and range.
@Suite("TUI export (tmux)") struct ExportEndToEndTests {
    @Test func xToCSVWritesWhatCallsPrints() async throws {
        try await withCLI(calls: 3000) { cli, _ in
            // An explicit range (the TUI's default `-24h` → `now` would move between the two commands).
            let to = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60)
            let range = (from: RFC3339.string(from: to.addingTimeInterval(-3 * 86400)), to: RFC3339.string(from: to))
            var environment = cli.environment
            environment["XDG_DOWNLOAD_DIR"] = cli.folder.appendingPathComponent("dl").path
            let tmux = try await Tmux.start(TUIEndToEndTests.command(cli, "--account omi --from \(range.from) --to \(range.to)"),
                                            environment: environment, columns: 160, rows: 30)
            let file = cli.folder.appendingPathComponent("out/calls.csv")
            do {
                try await tmux.waitFor("the first rows") { $0.selectedRow != nil && $0.contains(" calls") }
                try await tmux.send("x")
                // The form proposes the downloads folder.
                let form = try await tmux.waitFor(text: "export · omi")
                #expect(form.contains("‹ csv ›") && form.contains(cli.folder.appendingPathComponent("dl/callscope/omi-").path), "\(form)")
                // csv (cycled all the way round), then a path of our own.
                try await tmux.send("Right", "Right", "Right")
                try await tmux.send("Tab", "C-u")
                try await tmux.type(file.path)
                try await tmux.waitFor(text: file.path)
                try await tmux.send("Enter")
                let done = try await tmux.waitFor("the export to end", timeout: .seconds(60)) { $0.contains(" calls to \(file.path)") && $0.contains("exported ") }
                let count = try #require(done.firstMatch(of: #/exported ([\d,]+) calls? to /#)).1
                #expect(FileManager.default.fileExists(atPath: file.path))
                #expect(!FileManager.default.fileExists(atPath: file.path + ".part"))
                try await tmux.send("q")
                try await tmux.waitFor(text: "EXIT=0")
                let printed = try await cli.run(["calls", "--account", "omi", "--from", range.from, "--to", range.to, "--format", "csv", "--offline"])
                #expect(printed.status == 0, "\(printed.stderr)")
                let written = try Data(contentsOf: file)
                #expect(Array(written) == Array(printed.stdout.utf8))
                #expect((Int(count.replacingOccurrences(of: ",", with: "")) ?? 0) > 10, "\(count) calls in 3 days")
                #expect(printed.stdout.hasPrefix(CSVFormat.header(includeRaw: false).joined(separator: ",") + "\r\n"))
            } catch {
                await tmux.kill()
                throw error
            }
            await tmux.kill()
        }
    }
}
