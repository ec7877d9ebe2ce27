import Foundation
import Subprocess
import TerminalTestSupport
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs a program to its end with its output sent to a file (or /dev/null), and reports its wall
/// time and peak resident memory: the child's own `VmHWM`, read every 10 ms while it runs (a
/// child's `ru_maxrss` can carry its parent's high-water mark across exec).
enum ChildProcess {
    struct Outcome {
        let status: Int32
        let seconds: Double
        let peakRSSMiB: Double
    }

    static func run(_ path: String, _ arguments: [String], environment: [String: String], stdout: String = "/dev/null") async throws -> Outcome {
        let output = try FileDescriptor.open(FilePath(stdout), .writeOnly, options: [.create, .truncate], permissions: [.ownerReadWrite])
        let started = ContinuousClock.now
        let result = try await Subprocess.run(.path(FilePath(path)), arguments: Arguments(arguments), environment: Program.environment(environment),
                                              input: .none, output: .fileDescriptor(output, closeAfterSpawningProcess: true),
                                              error: .discarded) { execution in
            var peakKiB = 0
            // Until the process is gone (a finished one has no memory lines left).
            while let kiB = highWater(execution.processIdentifier.value) {
                peakKiB = max(peakKiB, kiB)
                try? await Task.sleep(for: .milliseconds(10))
            }
            return peakKiB
        }
        return Outcome(status: Program.status(result.terminationStatus), seconds: (ContinuousClock.now - started).seconds,
                       peakRSSMiB: Double(result.closureResult) / 1024)
    }

    /// `VmHWM` of a running process in KiB (0 once it is gone).
    static func highWaterKiB(_ pid: pid_t) -> Int { highWater(pid) ?? 0 }

    private static func highWater(_ pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }

    /// The `callscope` binary built beside this bench.
    static var callscope: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("callscope").path
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
