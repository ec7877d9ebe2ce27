import CallScopeKit
import CallScopeSandbox
import CallScopeStore
import CallScopeTestSupport
import Foundation
import Testing

@Suite("sync --from, calls from the store, --version (the built binary)") struct SyncCommandTests {
    @Test func syncBringsEveryAccountsRangeInOnceAndCallsPrintsItWithoutFetchingAgain() async throws {
        try await withCLI { cli, sandbox in
            let now = RFC3339.string(from: Date())
            let from = RFC3339.string(from: Date().addingTimeInterval(-20 * 86400))
            let sync = try await cli.run(["sync", "--from", from, "--to", now])
            #expect(sync.status == 0, "\(sync.stderr)")
            let lines = sync.stdout.split(separator: "\n").map(String.init)
            for account in ["cs", "omi", "vb-camp", "vb-crm", "ic"] {
                #expect(lines.contains { $0.range(of: #"^\#(account): [0-9,]+ calls, [0-9.]+ s$"#, options: .regularExpression) != nil },
                        "\(account) in \(lines)")
            }
            // No progress bar when stderr is not a terminal; the sandbox's odd records are one line an account.
            #expect(sync.stderr.split(separator: "\n").allSatisfy { $0.contains(" odd value") }, "\(sync.stderr)")

            // calls over a range the store has: only the newest hour is asked of the provider.
            let before = sandbox.requests(containing: "/api/v1/calls")
            let printed = try await cli.run(["calls", "--account", "cs", "--from", from, "--to", now, "--format", "ndjson"])
            #expect(printed.status == 0, "\(printed.stderr)")
            #expect(sandbox.requests(containing: "/api/v1/calls") - before == 1)
            let records = try NDJSONRecordReader.records(from: printed.stdout)
            let count = try #require(Int(lines.first { $0.hasPrefix("cs: ") }?.split(separator: " ")[1].replacingOccurrences(of: ",", with: "") ?? ""))
            #expect(records.count == count)
            #expect(records.map(\.startedAt) == records.map(\.startedAt).sorted { ($0 ?? .distantPast) > ($1 ?? .distantPast) })

            let again = try await cli.run(["sync", "--account", "cs", "--from", from, "--to", now, "--refresh"])
            #expect(again.status == 0 && again.stdout.hasPrefix("cs: \(Count.grouped(count)) calls"), "\(again.stdout)")
        }
    }

    @Test func oneAccountFailingDoesNotStopTheOthers() async throws {
        try await withCLI({ $0.faults = try! FaultSpec.parse("error=1,only=/omicall") }) { cli, _ in
            let run = try await cli.run(["sync", "--from", "-2d"])
            #expect(run.status == 1)
            #expect(run.stdout.contains("omi: failed"))
            #expect(run.stderr.contains("omi"))
            for account in ["cs", "vb-camp", "vb-crm", "ic"] { #expect(run.stdout.contains("\(account): "), "\(account)") }
        }
    }

    @Test func versionAndUsage() async throws {
        try await withCLI { cli, _ in
            let version = try await cli.run(["--version"])
            #expect(version.status == 0)
            #expect(version.stdout == "callscope \(CallScopeKitVersion.string)\n")
            let bad = try await cli.run(["sync", "--refresh"])
            #expect(bad.status == 2)
        }
    }
}
