import Foundation

/// Runs a program to its end with its output sent to a file (or /dev/null), and reports its wall
/// time and peak resident memory. The peak is the child's own `VmHWM`, read every 10 ms while it
/// runs: wait4's `ru_maxrss` would not do, since a child started by posix_spawn (vfork) inherits
/// the bench's own high-water mark at exec.
enum ChildProcess {
    struct Outcome {
        let status: Int32
        let seconds: Double
        let peakRSSMiB: Double
    }

    static func run(_ path: String, _ arguments: [String], environment: [String: String], stdout: String = "/dev/null") throws -> Outcome {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let started = ContinuousClock.now
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard spawned == 0 else { throw BenchError("cannot start \(path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var peakKiB = 0
        while true {
            let ended = waitpid(pid, &status, WNOHANG)
            if ended == pid { break }
            if ended < 0, errno != EINTR { throw BenchError("waitpid: \(String(cString: strerror(errno)))") }
            peakKiB = max(peakKiB, highWaterKiB(pid))
            usleep(10_000)
        }
        let elapsed = ContinuousClock.now - started
        return Outcome(status: (status >> 8) & 0xFF,
                       seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                       peakRSSMiB: Double(peakKiB) / 1024)
    }

    /// `VmHWM` of a running process in KiB (0 once it is gone).
    static func highWaterKiB(_ pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
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
