import CallScopeKit
import CallScopeSandbox
import Foundation
import Testing

/// Text from outside that the command line prints for people goes through the TUI's sanitiser:
/// no escape sequence or control character reaches the terminal, whichever line carries it.
@Suite("Human-facing lines are sanitised (the built binary)") struct TerminalSafetyTests {
    /// An account name that would retitle the terminal, ring it and clear the screen.
    static let hostileName = "cs\u{1B}]0;pwned\u{07}\u{1B}[2J"

    static func renamed(_ config: String) -> String {
        config.replacingOccurrences(of: "name = \"cs\"", with: "name = \"cs\\u001B]0;pwned\\u0007\\u001B[2J\"")
    }

    func expectSafe(_ text: String, _ comment: Comment) {
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B }, comment)
    }

    @Test func accountsAndErrorsShowPlaceholdersNotEscapes() async throws {
        try await withCLI(calls: 50, configText: Self.renamed) { cli, _ in
            let listed = try await cli.run(["accounts", "--no-check"])
            #expect(listed.status == 0, "\(listed.stderr)")
            expectSafe(listed.stdout, "accounts")
            #expect(listed.stdout.contains("[cs␛␛]"), "\(listed.stdout)")

            // The name echoed back in an error (another account's name was asked for).
            let unknown = try await cli.run(["calls", "--account", "nobody\u{1B}[31m", "--offline"])
            #expect(unknown.status == 2)
            expectSafe(unknown.stderr, "unknown account")
            #expect(unknown.stderr.contains("nobody␛"), "\(unknown.stderr)")

            // A sync's summary line names the account.
            let synced = try await cli.run(["sync", "--account", Self.hostileName, "--from", "-1d"])
            #expect(synced.status == 0, "\(synced.stderr)")
            expectSafe(synced.stdout + synced.stderr, "sync")
            #expect(synced.stdout.hasPrefix("cs␛␛: "), "\(synced.stdout)")
        }
    }

    @Test func aConfigProblemKeepsOneLineAProblemAndNoEscape() async throws {
        try await withCLI(calls: 10, configText: { $0.replacingOccurrences(of: "provider = \"omicall\"", with: "provider = \"omi\\u001B]52;c;Y3VybA==\\u0007\"\ntimeout_seconds = \"x\"") }) { cli, _ in
            let run = try await cli.run(["accounts", "--no-check"])
            #expect(run.status == 2)
            expectSafe(run.stderr, "config error")
            // The problems are lines of their own, not one line with placeholders between them.
            #expect(run.stderr.split(separator: "\n").count >= 2 && !run.stderr.contains("␊"), "\(run.stderr)")
            #expect(run.stderr.contains("omi␛"), "\(run.stderr)")
        }
    }
}
