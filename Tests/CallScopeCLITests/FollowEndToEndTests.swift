import CallScopeKit
import CallScopeTestSupport
import Foundation
import TerminalTestSupport
import Testing

/// `--follow` against a sandbox whose newest calls lie a few minutes ahead of the clock: the
/// provider answers a call only once its start has passed, so calls keep arriving (one every
/// two seconds or so) while the test runs, and only following brings them in.
@Suite("Following the newest calls (built binary)") struct FollowEndToEndTests {
    /// 5 million calls over the sandbox's 120 days: one every ~2 s; the newest ten minutes from now.
    static func arriving(_ body: (CLI) async throws -> Void) async throws {
        try await withCLI(calls: 5_000_000, { $0.anchor = Date().addingTimeInterval(600) }) { cli, _ in try await body(cli) }
    }

    @Test func callsFollowPrintsCallsThatArriveOnceEachAndExitsZeroOnCtrlC() async throws {
        try await Self.arriving { cli in
            let started = Date()
            let follow = LongRunning(CLI.binary, ["calls", "--account", "omi", "--from", "-1m", "--follow", "5s", "--format", "ndjson"],
                                     environment: cli.environment)
            var records: [CallRecord] = []
            // Until a call that started after the command did is printed (it cannot have been in the first answer).
            for _ in 0..<1500 where !records.contains(where: { ($0.startedAt ?? .distantPast) > started }) {
                records = try NDJSONRecordReader.records(from: Self.wholeLines(follow.stdout))
                if !follow.isRunning { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            let status = await follow.interrupt()
            #expect(status == 0, "\(follow.stderr)")
            records = try NDJSONRecordReader.records(from: follow.stdout)
            #expect(records.contains { ($0.startedAt ?? .distantPast) > started }, "no call arrived: \(follow.stderr)")
            // Every pass fetches the newest span again: each call is printed once all the same.
            #expect(Set(records.map(\.id)).count == records.count)
            #expect(records.allSatisfy { $0.account == "omi" })
        }
    }

    @Test func tuiFollowShowsACallThatArrivesAfterTheStart() async throws {
        try await Self.arriving { cli in
            let tmux = try await Tmux.start("\(CLI.binary.path) --account omi --from -2m --follow 5s; sleep 600", environment: cli.environment)
            do {
                // The first sync has ended: what is on screen now is what the provider had.
                let first = try await tmux.waitFor("the first sync's end") {
                    $0.contains("following 5s · refreshed") && $0.selectedRow != nil && !$0.contains("syncing")
                }
                let newest = try #require(first.callRows.first).dropFirst()
                // A newer call comes in at the top, above the one that was newest.
                try await tmux.waitFor("a call that arrived after the start", timeout: .seconds(40)) { screen in
                    let rows = screen.callRows.map { $0.dropFirst() }
                    return rows.first != newest && rows.contains(newest)
                }
            } catch {
                await tmux.kill()
                throw error
            }
            await tmux.kill()
        }
    }

    @Test func aBadIntervalIsAUsageError() async throws {
        try await withCLI { cli, _ in
            let short = try await cli.run(["calls", "--account", "omi", "--follow", "2s"])
            #expect(short.status == 2)
            #expect(short.stderr.contains("--follow \"2s\": must be from 5s to 24h"))
            let offline = try await cli.run(["tui", "--account", "omi", "--offline", "--follow", "30s"])
            #expect(offline.status == 2 && offline.stderr.contains("--offline"))
            let json = try await cli.run(["calls", "--account", "omi", "--follow", "30s", "--format", "json"])
            #expect(json.status == 2 && json.stderr.contains("use --format ndjson"))
        }
        try await withCLI(configText: { "follow = \"soon\"\n" + $0 }) { cli, _ in
            let configured = try await cli.run(["tui", "--account", "omi"])
            #expect(configured.status == 2)
            #expect(configured.stderr.contains("key \"follow\": invalid value \"soon\""))
        }
    }

    /// The lines written whole so far (the last may be cut mid-line while the process writes).
    static func wholeLines(_ text: String) -> String {
        guard let last = text.lastIndex(of: "\n") else { return "" }
        return String(text[...last])
    }
}
