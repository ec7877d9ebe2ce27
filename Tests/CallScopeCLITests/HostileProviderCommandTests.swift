import CallScopeKit
import CallScopeTestSupport
import Foundation
import Testing

/// The built binary against a provider that is wrong on purpose: the fetch ends, the exit status
/// says it failed, and stderr says why without a byte that would drive the terminal.
@Suite("callscope against a hostile provider (the built binary)") struct HostileProviderCommandTests {
    /// A hostile provider, its `config()` saved as the CLI's config, and a CLI to run.
    /// Its calls start 2½ days ago: in `range`, which ends before the newest hour (fetched again by every sync).
    func withHostileCLI<T>(_ mode: HostileProvider.Mode, _ body: (CLI, HostileProvider) async throws -> T) async throws -> T {
        let provider = HostileProvider(mode: mode, callStart: Date().addingTimeInterval(-2.5 * 86400))
        try await provider.start()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let config = folder.appendingPathComponent("config.toml")
            _ = FileManager.default.createFile(atPath: config.path, contents: Data(provider.config().utf8), attributes: [.posixPermissions: 0o600])
            let result = try await body(CLI(folder: folder, configFile: config, endpoints: nil), provider)
            await provider.stop()
            return result
        } catch {
            await provider.stop()
            throw error
        }
    }

    static let range = ["--from", "-3d", "--to", "-2d"]

    static func expectTerminalSafe(_ text: String) {
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(text.debugDescription)")
    }

    @Test(arguments: ["cs", "omi", "vb-camp", "vb-crm", "ic"])
    func aRepeatedPageIsExitOneAndTheSpanIsNotSynced(_ account: String) async throws {
        try await withHostileCLI(.repeatedPage) { cli, provider in
            let run = try await cli.run(["calls", "--account", account, "--format", "ndjson"] + Self.range)
            #expect(run.status == 1)
            #expect(run.stderr.contains("callscope: \(account): the provider repeated page 2 of window 1"), "\(run.stderr)")
            Self.expectTerminalSafe(run.stderr)
            #expect(provider.requests < HostileProvider.requestLimit)
            // What was committed stays; the range is asked for again next time (it was not marked synced).
            let offline = try await cli.run(["calls", "--account", account, "--format", "ndjson", "--offline"] + Self.range)
            #expect(try NDJSONRecordReader.records(from: offline.stdout).map(\.id).sorted() == ["r1", "r2"])
            let before = provider.requests
            let again = try await cli.run(["calls", "--account", account, "--format", "ndjson"] + Self.range)
            #expect(again.status == 1 && provider.requests > before)
        }
    }

    @Test func anOversizedAnswerIsExitOneSayingSo() async throws {
        try await withHostileCLI(.oversized(bytes: HTTPTransport.maximumAnswerBytes + 4096, declared: false)) { cli, provider in
            let run = try await cli.run(["calls", "--account", "cs", "--format", "ndjson"] + Self.range)
            #expect(run.status == 1)
            #expect(run.stderr.contains("callscope: cs: GET /d/api/v1/calls: the answer is over 64 MiB; refused without reading the rest"), "\(run.stderr)")
            Self.expectTerminalSafe(run.stderr)
            #expect(provider.requests == 1)
        }
    }

    @Test func outOfRangeNumbersAndControlIdsAreOneWarningLineNamingTheAccount() async throws {
        try await withHostileCLI(.ids(["fine", "esc\u{1B}]0;retitled\u{7}"])) { cli, _ in
            let run = try await cli.run(["calls", "--account", "omi", "--format", "ndjson"] + Self.range)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try NDJSONRecordReader.records(from: run.stdout).map(\.id) == ["fine"])
            #expect(run.stderr.contains(#"callscope: omi: 1 odd value in the provider's records (first: call "esc\u001b]0;retitled\u0007": transaction_id: the call id holds a control character; the call is not stored)"#), "\(run.stderr)")
            Self.expectTerminalSafe(run.stderr)
        }
    }

    @Test func aSyncNamesTheAccountOfItsOddValues() async throws {
        try await withHostileCLI(.outOfRange) { cli, _ in
            let run = try await cli.run(["sync", "--account", "ic"] + Self.range)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains("callscope: ic: 4 odd values in the provider's records (first: call bad-numbers: "), "\(run.stderr)")
            let stored = try await cli.run(["calls", "--account", "ic", "--format", "ndjson", "--offline"] + Self.range)
            let record = try #require(try NDJSONRecordReader.records(from: stored.stdout).first)
            #expect(record.id == "bad-numbers" && record.endedAt == nil && record.talkSeconds == nil && record.startedAt != nil)
        }
    }
}
