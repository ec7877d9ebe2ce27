import CallScopeKit
import Foundation
import Testing

/// `callscope store info`, `store prune` and `[store] keep_days` (the built binary).
@Suite("callscope store info and prune (the built binary)") struct StoreUpkeepCommandTests {
    @Test func infoThenADryRunThenThePrune() async throws {
        try await withCLI(calls: 400) { cli, _ in
            let synced = try await cli.run(["sync", "--account", "omi", "--from", "-30d"])
            #expect(synced.status == 0, "\(synced.stderr)")
            let info = try await cli.run(["store", "info"])
            #expect(info.status == 0, "\(info.stderr)")
            let line = try #require(info.stdout.split(separator: "\n").first { $0.hasPrefix("omi (omicall): ") })
            let stored = try #require(Int(line.dropFirst("omi (omicall): ".count).prefix { $0.isNumber || $0 == "," }.filter(\.isNumber)))
            #expect(stored > 20)
            #expect(info.stdout.contains("\n  synced "))
            #expect(info.stdout.contains("bytes a call"))

            let dry = try await cli.run(["store", "prune", "--older-than", "10d", "--account", "omi", "--dry-run"])
            #expect(dry.status == 0 && dry.stdout.hasPrefix("would delete "), "\(dry.stdout) \(dry.stderr)")
            let wouldGo = try #require(Int(dry.stdout.dropFirst("would delete ".count).prefix { $0.isNumber || $0 == "," }.filter(\.isNumber)))
            #expect(wouldGo > 0 && wouldGo < stored)

            let pruned = try await cli.run(["store", "prune", "--older-than", "10d", "--account", "omi"])
            #expect(pruned.stdout.hasPrefix("deleted \(Count.grouped(wouldGo)) call"), "\(pruned.stdout)")
            let offline = try await cli.run(["calls", "--account", "omi", "--from", "-30d", "--offline", "--format", "ndjson"])
            #expect(offline.stdout.split(separator: "\n").count == stored - wouldGo)

            let typo = try await cli.run(["store", "prune", "--older-than", "10d", "--account", "omni"])
            #expect(typo.status == 2 && typo.stderr.contains("no account named 'omni'"), "\(typo.stderr)")
        }
    }

    @Test func keepDaysPrunesAfterASyncAndABadValueNamesTheKey() async throws {
        try await withCLI(calls: 400, configText: { $0 + "\n[store]\nkeep_days = 5\n" }) { cli, _ in
            let synced = try await cli.run(["sync", "--account", "cs", "--from", "-20d"])
            #expect(synced.status == 0, "\(synced.stderr)")
            #expect(synced.stdout.contains("older than keep_days pruned"), "\(synced.stdout)")
            let kept = try await cli.run(["calls", "--account", "cs", "--from", "-20d", "--to", "-6d", "--offline", "--format", "ndjson"])
            #expect(kept.status == 0 && kept.stdout.isEmpty, "nothing older than five days stays")
        }
        try await withCLI(calls: 10, configText: { $0 + "\n[store]\nkeep_days = 0\n" }) { cli, _ in
            let bad = try await cli.run(["store", "info"])
            #expect(bad.status == 2 && bad.stderr.contains("store.keep_days"), "\(bad.stderr)")
        }
    }
}
