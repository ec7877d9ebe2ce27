import ArgumentParser
import CallScopeKit
import CallScopeStore
import Foundation

/// `callscope calls --offline --format csv` over a one-year range of a large store, as a user
/// runs it (a fresh release process, output to a file), beside the sqlite3 shell printing the
/// same rows in the same order; and the same command printing 100,000 of them, for linearity.
struct CallsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calls",
        abstract: "Time calls --offline --format csv of a whole store (made by `store --folder F`) against the sqlite3 shell and the TUI's export."
    )

    @Option(help: "A data folder holding a store of the account `bench` (callscope-bench store --folder F).") var folder: String
    @Option(help: "Runs of each command (the median is reported).") var repeats = 3
    @Option(help: "The smaller print, for the linearity ratio.") var smaller = 100_000

    func run() async throws {
        let data = URL(fileURLWithPath: folder)
        let store = try CallStore(dataDirectory: data)
        let newest = try require(try await store.page(StoreQuery(account: "bench", includeRaw: false), limit: 1).records.first?.startedAt)
        let oldest = try require(try await store.page(StoreQuery(account: "bench", order: .oldestFirst, includeRaw: false), limit: 1).records.first?.startedAt)
        let from = oldest.addingTimeInterval(-1), to = newest.addingTimeInterval(1)
        let total = try await store.count(StoreQuery(account: "bench", from: from, to: to))
        let config = data.appendingPathComponent("bench-config.toml")
        try """
            [[account]]
            name = "bench"
            provider = "caresoft"
            base_url = "http://127.0.0.1:9"
            domain = "bench"
            token = "unused"
            """.write(to: config, atomically: true, encoding: .utf8)
        let environment = ["CALLSCOPE_CONFIG": config.path, "CALLSCOPE_DATA": data.path, "HOME": NSHomeDirectory(), "PATH": "/usr/bin:/bin"]
        let range = ["--from", RFC3339.string(from: from), "--to", RFC3339.string(from: to)]
        let output = data.appendingPathComponent("bench-output.csv").path
        defer { try? FileManager.default.removeItem(atPath: output) }

        print("calls --offline --format csv, one-year range of \(total) calls (\(Count.grouped(total))), median of \(repeats) runs, output to a file")
        let all = try await measure(ChildProcess.callscope, ["calls", "--account", "bench", "--offline", "--format", "csv"] + range, environment, output)
        let bytes = (try FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        let part = try await measure(ChildProcess.callscope, ["calls", "--account", "bench", "--offline", "--format", "csv", "--limit", "\(smaller)"] + range,
                               environment, output)
        let sql = """
            SELECT id, account, provider, direction, from_number, to_number, agent, agent_name, customer_name, started_at, answered_at, ended_at,
                   wait_seconds, talk_seconds, hold_seconds, duration_seconds, disposition, provider_status, recording_url, cost, campaign, tags, note
            FROM calls WHERE account = 'bench' AND started_at >= \(Int64(from.timeIntervalSince1970)) AND started_at <= \(Int64(to.timeIntervalSince1970))
            ORDER BY started_at DESC, id DESC
            """
        let shell = try await measure("/usr/bin/sqlite3", ["-csv", "-header", store.fileURL.path, sql], environment, output)
        // The TUI's `x` to CSV: the same range through CallExporter, in this process.
        let exported = data.appendingPathComponent("bench-export.csv")
        defer { try? FileManager.default.removeItem(at: exported) }
        var exportTimes: [Double] = []
        for _ in 0..<repeats {
            exportTimes.append(try await Measure.time {
                _ = try await CallExporter(store: store).export(StoreQuery(account: "bench", from: from, to: to, includeRaw: false), format: .csv, to: exported)
            })
        }
        _ = try await ChildProcess.run(ChildProcess.callscope, ["calls", "--account", "bench", "--offline", "--format", "csv"] + range, environment: environment, stdout: output)
        let same = FileManager.default.contentsEqual(atPath: output, andPath: exported.path)
        print("callscope, all".padding(28) + "\(Measure.format(all.seconds, 2)) s".padding(10, left: true) + "  peak RSS \(Measure.format(all.rss)) MiB, \(Measure.format(Double(bytes) / 1_048_576)) MiB of CSV")
        print("callscope, \(smaller)".padding(28) + "\(Measure.format(part.seconds, 2)) s".padding(10, left: true) + "  peak RSS \(Measure.format(part.rss)) MiB")
        print("sqlite3 shell, all".padding(28) + "\(Measure.format(shell.seconds, 2)) s".padding(10, left: true) + "  peak RSS \(Measure.format(shell.rss)) MiB")
        print("TUI export (x), all".padding(28) + "\(Measure.format(Measure.median(exportTimes), 2)) s".padding(10, left: true) + "  the same bytes as calls: \(same)")
        print("callscope / sqlite3".padding(28) + Measure.format(all.seconds / shell.seconds, 2).padding(10, left: true))
        print("TUI export / calls".padding(28) + Measure.format(Measure.median(exportTimes) / all.seconds, 2).padding(10, left: true))
        print("all / \(smaller)".padding(28) + Measure.format(all.seconds / part.seconds, 2).padding(10, left: true)
              + "  (rows ratio \(Measure.format(Double(total) / Double(smaller), 1)))")
    }

    private func measure(_ path: String, _ arguments: [String], _ environment: [String: String], _ output: String) async throws -> (seconds: Double, rss: Double) {
        var times: [Double] = [], peak = 0.0
        for _ in 0..<repeats {
            let outcome = try await ChildProcess.run(path, arguments, environment: environment, stdout: output)
            guard outcome.status == 0 else { throw BenchError("\(path) \(arguments.joined(separator: " ")) exited \(outcome.status)") }
            times.append(outcome.seconds)
            peak = max(peak, outcome.peakRSSMiB)
        }
        return (Measure.median(times), peak)
    }
}

func require<T>(_ value: T?, _ what: @autoclosure () -> String = "a value") throws -> T {
    guard let value else { throw BenchError("missing \(what())") }
    return value
}
