import CallScopeKit
import CallScopeSandbox
import CallScopeTestSupport
import Foundation
import TerminalTestSupport
import Testing

/// The token cache as users meet it: `callscope calls` run again and again, and several at once.
@Suite("token cache (the built binary)") struct TokenCacheCommandTests {
    /// The accounts that log in, and the sandbox's name for each login.
    let logins = ["ic": "icsoc", "omi": "omicall", "vb-crm": "vbot"]

    func calls(_ cli: CLI, _ account: String) async throws -> CLI.Run {
        try await cli.run(["calls", "--account", account, "--from", "-1d", "--to", "now", "--limit", "1"])
    }

    @Test func threeAccountsUsedInTurnLogInOnceEach() async throws {
        try await withCLI { cli, sandbox in
            for _ in 0..<3 {
                for account in logins.keys.sorted() {
                    let run = try await calls(cli, account)
                    #expect(run.status == 0 && run.stderr.isEmpty, "\(account): \(run.stderr)")
                }
            }
            for (account, login) in logins { #expect(sandbox.loginCount(login) == 1, "\(account)") }
        }
    }

    @Test func processesRunningAtOnceKeepEachOthersTokens() async throws {
        try await withCLI { cli, sandbox in
            // every account twice, all six processes at once
            let runs = try await withThrowingTaskGroup(of: (String, CLI.Run).self) { group in
                for account in logins.keys.sorted() + logins.keys.sorted() {
                    group.addTask { (account, try await calls(cli, account)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for (account, run) in runs { #expect(run.status == 0 && run.stderr.isEmpty, "\(account): \(run.stderr)") }
            let first = logins.mapValues { sandbox.loginCount($0) }
            for (account, login) in logins { #expect((1...2).contains(first[account]!), "\(login): \(first[account]!) logins") }
            // whichever process wrote last, every account's token is in the file: no more logins
            for account in logins.keys.sorted() { #expect(try await calls(cli, account).status == 0) }
            #expect(logins.mapValues { sandbox.loginCount($0) } == first)
        }
    }

    @Test func anUnwritableTokenFileIsSaidOnceAndTheCallsStillCome() async throws {
        try await withCLI { cli, sandbox in
            // the token file's place is taken by a folder: it can be neither read nor replaced
            let tokens = cli.folder.appendingPathComponent("data/tokens.json")
            try FileManager.default.createDirectory(at: tokens, withIntermediateDirectories: true)
            for account in logins.keys.sorted() {
                let run = try await cli.run(["calls", "--account", account, "--from", "-2d", "--to", "now", "--format", "ndjson"])
                #expect(run.status == 0, "\(run.stderr)")
                #expect(try !NDJSONRecordReader.records(from: run.stdout).isEmpty)
                let lines = run.stderr.split(separator: "\n")
                #expect(lines.count == 1 && lines[0].contains(tokens.path), "\(run.stderr)")
            }
            for (_, login) in logins { #expect(sandbox.loginCount(login) == 1) }
        }
    }

    @Test func aReadOnlyDataFolderIsOneClearErrorAndNothingIsLeftBehind() async throws {
        try await withCLI { cli, _ in
            let data = cli.folder.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            // a read-only mount of the data folder, in a mount namespace of the command's own
            let script = #"mount --bind -o ro "$0" "$0" && exec "$@""#
            var environment = ProcessInfo.processInfo.environment
            environment.merge(cli.environment) { _, new in new }
            let run = try await Program.run("/usr/bin/unshare",
                                               ["-m", "--propagation", "private", "sh", "-c", script, data.path, CLI.binary.path,
                                                "calls", "--account", "omi", "--from", "-1d", "--to", "now"],
                                               environment: environment)
            #expect(run.status == 1, "\(run.stderr)")
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains(data.path) && lines[0].contains("Read-only file system"), "\(run.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: data.path).isEmpty)
        }
    }
}
