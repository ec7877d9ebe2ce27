import CallScopeKit
import CallScopeStore
import CallScopeTestSupport
import Foundation
import Testing

/// `readonly = true` at the top of the config, or `--readonly`: no note or tag is written and no
/// edit is sent; reading and syncing calls still work.
@Suite("--readonly and readonly = true (the built binary)") struct ReadOnlyCommandTests {
    static let refusal = "the config is read-only: notes and tags are not written"

    @Test func annotateUnderTheFlagExits2AndWritesNothing() async throws {
        try await withCLI { cli, sandbox in
            for account in ["omi", "cs"] {
                let id = try await cli.firstCall(account)
                let before = try await stored(cli, account, id)
                let refused = try await cli.run(["annotate", "--readonly", "--account", account, id, "--note", "Gọi lại", "--tag", "vip"])
                #expect(refused.status == 2)
                #expect(refused.stdout.isEmpty)
                #expect(refused.stderr == "callscope: \(account): \(Self.refusal) (readonly = true in the config, or --readonly)\n",
                        "\(refused.stderr)")
                let after = try await stored(cli, account, id)
                #expect(before.status == 0 && after.stdout == before.stdout && after.stderr == before.stderr, "\(account): \(after.stderr)")
                if account == "omi" { #expect(sandbox.omicallChangeRequests(id: id) == 0) }
            }
            let sync = try await cli.run(["sync"])
            #expect(sync.status == 0 && sync.stdout == "nothing to send\n", "\(sync.stdout) \(sync.stderr)")
        }
    }

    @Test func annotateUnderTheConfigKeyExits2AndWritesNothing() async throws {
        try await withCLI(configText: { "readonly = true\n" + $0 }) { cli, sandbox in
            for account in ["omi", "cs"] {
                let id = try await cli.firstCall(account)
                let before = try await stored(cli, account, id)
                let refused = try await cli.run(["annotate", "--account", account, id, "--note", "Gọi lại", "--clear-tags"])
                #expect(refused.status == 2)
                #expect(refused.stderr.contains(Self.refusal), "\(refused.stderr)")
                let after = try await stored(cli, account, id)
                #expect(before.status == 0 && after.stdout == before.stdout && after.stderr == before.stderr, "\(account): \(after.stderr)")
                if account == "omi" { #expect(sandbox.omicallChangeRequests(id: id) == 0) }
            }
        }
    }

    @Test func syncSendsNoPendingEditAndSaysSoOnce() async throws {
        try await withCLI { cli, sandbox in
            let id = try await cli.firstCall("omi")
            let store = try CallStore(dataDirectory: cli.folder.appendingPathComponent("data"))
            _ = try await store.enqueueEdit(account: "omi", id: id, note: "Viết trước", tags: ["khẩn"])

            // Sending was all it was asked to do: refused.
            let only = try await cli.run(["sync", "--readonly"])
            #expect(only.status == 2 && only.stdout.isEmpty)
            #expect(only.stderr == "callscope: 1 pending edit not sent: the config is read-only (readonly = true in the config, or --readonly)\n",
                    "\(only.stderr)")

            // With a range: the calls come in, the edit waits, said once.
            let ranged = try await cli.run(["sync", "--readonly", "--from", "-2d"])
            #expect(ranged.status == 0, "\(ranged.stderr)")
            for account in ["cs", "omi", "vb-camp", "vb-crm", "ic"] {
                #expect(ranged.stdout.contains("\n\(account): ") || ranged.stdout.hasPrefix("\(account): "), "\(account): \(ranged.stdout)")
            }
            #expect(ranged.stderr.components(separatedBy: "pending edit").count == 2, "\(ranged.stderr)")
            #expect(sandbox.omicallChangeRequests(id: id) == 0)
            #expect(try await store.annotationState(account: "omi", id: id) == .pending)

            // A writable run sends it.
            let sent = try await cli.run(["sync"])
            #expect(sent.status == 0 && sent.stdout.contains("omi: 1 sent"), "\(sent.stdout) \(sent.stderr)")
            #expect(sandbox.omicallChangeRequests(id: id) == 1)
        }
    }

    @Test func readingIsTheSameReadOnly() async throws {
        try await withCLI(configText: { "readonly = true\n" + $0 }) { cli, _ in
            let now = RFC3339.string(from: Date())
            let range = ["calls", "--account", "cs", "--from", "-2d", "--to", now, "--format", "ndjson"]
            let first = try await cli.run(range)
            let again = try await cli.run(range + ["--readonly", "--offline"])
            #expect(first.status == 0 && again.status == 0, "\(first.stderr) \(again.stderr)")
            #expect(!first.stdout.isEmpty && again.stdout == first.stdout)
            let report = try await cli.run(["report", "--readonly", "--account", "cs", "--from", "-2d", "--to", now, "--offline"])
            #expect(report.status == 0, "\(report.stderr)")
        }
    }

    /// The stored call as `call --offline` prints it (where its edit stands goes to stderr).
    private func stored(_ cli: CLI, _ account: String, _ id: String) async throws -> CLI.Run {
        try await cli.run(["call", "--account", account, id, "--offline"])
    }
}
