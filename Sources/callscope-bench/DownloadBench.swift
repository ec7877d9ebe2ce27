import ArgumentParser
import CallScopeKit
import CallScopeSandbox
import Foundation

/// `callscope download` of the sandbox's longest recordings on loopback, as a user runs it (a
/// fresh release process each): bytes per second and the process's peak RSS (the file streams
/// to disk, so memory should not follow its size).
struct DownloadBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Time callscope download of long sandbox recordings on loopback: MiB/s and peak RSS."
    )

    @Option(help: "Recordings downloaded.") var recordings = 8
    @Option(help: "The longest recording the sandbox serves, in seconds (8 kHz 16-bit WAV: 16 KB a second).") var seconds = 1800

    func run() async throws {
        var options = SandboxOptions()
        options.callsPerProvider = 2000
        options.recordingSecondsLimit = seconds
        let bench = try await BenchSandbox.start(options, name: "download")
        let folder = bench.folder, environment = bench.environment
        // The answered calls with the longest talk: the longest recordings.
        let listing = folder.appendingPathComponent("calls.ndjson")
        let listed = try await ChildProcess.run(ChildProcess.callscope, ["calls", "--account", "cs", "--from", "-30d", "--format", "ndjson"],
                                          environment: environment, stdout: listing.path)
        guard listed.status == 0 else { throw BenchError("calls exited \(listed.status)") }
        let calls = try String(contentsOf: listing, encoding: .utf8).split(separator: "\n").compactMap { line -> (id: String, talk: Int)? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = object["id"] as? String, object["recording_url"] is String, let talk = object["talk_seconds"] as? Int else { return nil }
            return (id, talk)
        }.sorted { $0.talk > $1.talk }.prefix(recordings)
        var rates: [Double] = [], peak = 0.0, total = 0
        for call in calls {
            let file = folder.appendingPathComponent("\(call.id).wav")
            let outcome = try await ChildProcess.run(ChildProcess.callscope, ["download", "--account", "cs", call.id, "--out", file.path], environment: environment)
            guard outcome.status == 0 else { throw BenchError("download \(call.id) exited \(outcome.status)") }
            let bytes = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            total += bytes
            rates.append(Double(bytes) / 1_048_576 / outcome.seconds)
            peak = max(peak, outcome.peakRSSMiB)
            try? FileManager.default.removeItem(at: file)
        }
        await bench.stop()
        print("download, \(calls.count) CareSoft recordings from the sandbox on loopback (\(Measure.format(Double(total) / 1_048_576)) MiB in all, a fresh process each)")
        print("rate".padding(16) + "median \(Measure.format(Measure.median(rates))) MiB/s (min \(Measure.format(rates.min() ?? 0)), max \(Measure.format(rates.max() ?? 0))), process start included")
        print("peak RSS".padding(16) + "\(Measure.format(peak)) MiB")
    }
}
