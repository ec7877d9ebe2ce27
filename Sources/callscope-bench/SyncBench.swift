import ArgumentParser
import CallScopeKit
import CallScopeSandbox
import Foundation

/// `callscope sync` of a 30-day CareSoft range from a sandbox of a million calls (about 250,000 in
/// the range), as a user runs it: a fresh release process into an empty data folder. CareSoft's
/// 15 requests a second of 500 calls make 7,500 calls/s the ceiling.
struct SyncBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Time callscope sync of a 30-day CareSoft range from the sandbox: calls/s and peak RSS."
    )

    @Option(help: "Calls per provider in the sandbox (spread over 120 days).") var calls = 1_000_000
    @Option(help: "Days to sync.") var days = 30
    @Option(help: "The account to sync (cs, omi, vb-camp, vb-crm, ic).") var account = "cs"

    func run() async throws {
        var options = SandboxOptions()
        options.callsPerProvider = calls
        let bench = try await BenchSandbox.start(options, name: "sync")
        let folder = bench.folder, environment = bench.environment
        let output = folder.appendingPathComponent("summary.txt")
        let outcome = try await ChildProcess.run(ChildProcess.callscope, ["sync", "--account", account, "--from", "-\(days)d"],
                                           environment: environment, stdout: output.path)
        let summary = try String(contentsOf: output, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        await bench.stop()
        guard outcome.status == 0 else { throw BenchError("sync exited \(outcome.status): \(summary)") }
        let synced = Int(summary.split(separator: " ").dropFirst().first?.replacingOccurrences(of: ",", with: "") ?? "") ?? 0
        print("sync \(account), \(days) days of a \(Count.grouped(calls))-call sandbox: \(summary)")
        print("calls/s".padding(16) + Measure.format(Double(synced) / outcome.seconds, 0) + "  (\(Measure.format(outcome.seconds)) s for the whole process)")
        print("peak RSS".padding(16) + "\(Measure.format(outcome.peakRSSMiB)) MiB")
    }
}
