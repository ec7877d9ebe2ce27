import CallScopeKit
import CallScopeSandbox
import CallScopeTestSupport
import Foundation
import TerminalTestSupport
import Testing

/// `d` and `o` in the built binary in tmux against the sandbox.
@Suite("TUI downloads (tmux)") struct RecordingsEndToEndTests {
    /// Runs the app with the downloads folder and a player that notes what it was given.
    func withApp(_ cli: CLI, _ body: (Tmux) async throws -> Void) async throws {
        let player = cli.folder.appendingPathComponent("player.sh")
        try "#!/bin/sh\necho \"$1\" > \(cli.folder.path)/played.txt\n".write(to: player, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: player.path)
        var environment = cli.environment
        environment["XDG_DOWNLOAD_DIR"] = cli.folder.appendingPathComponent("dl").path
        environment["CALLSCOPE_PLAYER"] = player.path
        let tmux = try await Tmux.start(TUIEndToEndTests.command(cli, "--account omi"), environment: environment)
        do {
            try await tmux.waitFor("the first rows") { $0.selectedRow != nil && $0.contains(" calls") }
            try await body(tmux)
        } catch {
            await tmux.kill()
            throw error
        }
        await tmux.kill()
    }

    /// Moves down the list with the detail open until the selected call has a recording; returns its id.
    func selectARecordedCall(_ tmux: Tmux) async throws -> String {
        try await tmux.send("Enter")
        for _ in 0..<20 {
            let screen = try await tmux.waitFor("the detail") { $0.contains("Recording   ") }
            let id = try #require(screen.lines.first { $0.hasPrefix("── ") }?.split(separator: " ")[1]).description
            if screen.contains("[d] download") { return id }
            try await tmux.send("j")
            try await tmux.waitFor("the next call's detail") { !$0.contains("── \(id) ") }
        }
        throw TmuxError.timedOut(waitingFor: "a call with a recording among the first 20", screen: try await tmux.screen())
    }

    @Test func dShowsProgressThenTheFileExistsAndOPlaysIt() async throws {
        // 16 KB a second: a recording of 64 KB takes about 4 s, long enough to see the bar.
        try await withCLI({ $0.faults = try! .parse("bandwidth=16k,only=/omicall/drive") }) { cli, _ in
            try await withApp(cli) { tmux in
                let id = try await selectARecordedCall(tmux)
                let file = cli.folder.appendingPathComponent("dl/callscope/omi-\(id).wav")
                let call = try CallRecord(json: JSONParser.parse(try await cli.run(["call", "--account", "omi", id]).stdout))
                let served = try await servedRecording(try #require(call.recordingURL))
                try await tmux.send("d")
                let running = try await tmux.waitFor("the progress bar") { $0.contains("%  [d] cancel") && $0.contains("KB/s") }
                #expect(running.contains("Download    ▕") && running.contains(" of \(ByteCount.text(Int64(served.count)))"))
                #expect(!FileManager.default.fileExists(atPath: file.path), "nothing under the final name before the end")
                let done = try await tmux.waitFor("the download to end", timeout: .seconds(30)) { $0.contains("Saved ") }
                #expect(done.contains("recording saved: ") && done.contains("[o] play"))
                #expect(Array(try Data(contentsOf: file)) == served)
                // o plays the file, not the URL.
                try await tmux.send("o")
                let played = cli.folder.appendingPathComponent("played.txt")
                let deadline = ContinuousClock.now + .seconds(20)
                while !FileManager.default.fileExists(atPath: played.path), ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(try String(contentsOf: played, encoding: .utf8) == file.path + "\n")
                try await tmux.send("q")
                try await tmux.waitFor(text: "EXIT=0")
            }
        }
    }
}
