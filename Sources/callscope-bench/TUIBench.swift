import ArgumentParser
import CallScopeSandbox
import Foundation

/// The TUI in tmux against the sandbox: the time from start to the first rows, and from a
/// keypress to the screen showing its effect (tmux `send-keys`, then `capture-pane` polled).
struct TUIBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Start-to-first-rows and keypress-to-screen latency of the built callscope in tmux (needs tmux)."
    )

    @Option(help: "Keypresses measured.") var keys = 50
    @Option(help: "Starts measured.") var starts = 5
    @Option(help: "Also time `--offline` starts on the store in this folder (made by `callscope-bench store --folder F`).")
    var store: String?

    func run() async throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("callscope")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw ValidationError("build callscope next to the bench first: swift build -c release")
        }
        var options = SandboxOptions()
        options.callsPerProvider = 20_000
        let sandbox = Sandbox(options: options)
        let endpoints = try await sandbox.start()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config.toml")
        _ = FileManager.default.createFile(atPath: config.path, contents: Data(SandboxConfig.toml(endpoints: endpoints, options: options).utf8),
                                           attributes: [.posixPermissions: 0o600])
        let environment = ["CALLSCOPE_CONFIG": config.path, "CALLSCOPE_DATA": folder.appendingPathComponent("data").path]
        let command = "\(binary.path) --account omi"

        let startTimes = try timeStarts(command, environment: environment)
        var offlineTimes: [Double] = []
        if let store {
            // The store bench's calls belong to a CareSoft account named "bench"; offline, the
            // provider is never contacted.
            let offlineConfig = folder.appendingPathComponent("offline.toml")
            let text = "[[account]]\nname = \"bench\"\nprovider = \"caresoft\"\nbase_url = \"http://127.0.0.1:9\"\ndomain = \"bench\"\ntoken = \"unused\"\n"
            _ = FileManager.default.createFile(atPath: offlineConfig.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
            offlineTimes = try timeStarts("\(binary.path) --offline --account bench",
                                          environment: ["CALLSCOPE_CONFIG": offlineConfig.path, "CALLSCOPE_DATA": store])
        }

        let session = TmuxSession()
        try session.start(command, environment: environment)
        try session.waitFor { $0.contains("▶") && $0.contains(" calls") }
        let captureCost = (0..<20).map { _ in
            let t = ContinuousClock.now
            _ = try? session.screen()
            return seconds(ContinuousClock.now - t)
        }
        var latencies: [Double] = []
        for n in 0..<keys {
            let before = try session.screen().split(separator: "\n").firstIndex { $0.hasPrefix("▶") }
            let key = n % 10 < 5 ? "j" : "k"
            let t = ContinuousClock.now
            try session.send(key)
            try session.waitFor { $0.split(separator: "\n").firstIndex { $0.hasPrefix("▶") } != before }
            latencies.append(seconds(ContinuousClock.now - t))
        }
        session.kill()
        await sandbox.stop()
        func ms(_ v: Double) -> String { Measure.format(v * 1000) }
        print("tui (release binary in tmux 100×30, sandbox with 20,000 calls per provider, account omi, last 24 h)")
        print("start to first rows: median \(ms(Measure.median(startTimes))) ms over \(starts) starts (min \(ms(startTimes.min() ?? 0)), max \(ms(startTimes.max() ?? 0)))")
        print("keypress to screen:  median \(ms(Measure.median(latencies))) ms, p95 \(ms(Measure.percentile(latencies, 0.95))) ms over \(keys) keys (j/k)")
        print("  (each poll is one tmux capture-pane: median \(ms(Measure.median(captureCost))) ms, included in the figures above)")
        if let store {
            print("offline start to first rows on the store in \(store): median \(ms(Measure.median(offlineTimes))) ms over \(starts) starts")
        }
    }

    /// The time from starting the app in tmux to its first rows, once per start.
    func timeStarts(_ command: String, environment: [String: String]) throws -> [Double] {
        try (0..<starts).map { _ in
            let session = TmuxSession()
            defer { session.kill() }
            let started = ContinuousClock.now
            try session.start(command, environment: environment)
            try session.waitFor { $0.contains("▶") && $0.contains(" calls") }
            return seconds(ContinuousClock.now - started)
        }
    }

    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
}

/// A tmux server of its own, driven synchronously (a benchmark has nothing else to do meanwhile).
struct TmuxSession {
    let socket = "callscope-bench-\(UUID().uuidString.prefix(8))"

    func start(_ command: String, environment: [String: String]) throws {
        var arguments = ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "b", "-x", "100", "-y", "30", "-e", "LANG=C.UTF-8"]
        for (key, value) in environment { arguments += ["-e", "\(key)=\(value)"] }
        // The first client starts the server and forks it away: spawn and wait for it directly.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        for fd: Int32 in 0...2 { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
        let argv = (["/usr/bin/tmux"] + arguments + [command]).map { strdup($0) } + [nil]
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, argv, environ)
        argv.forEach { free($0) }
        posix_spawn_file_actions_destroy(&actions)
        guard result == 0 else { throw ValidationError("tmux could not start (\(result))") }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
        process.arguments = ["-L", socket] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func screen() throws -> String { try tmux(["capture-pane", "-t", "b", "-p"]) }
    func send(_ key: String) throws { try tmux(["send-keys", "-t", "b", key]) }

    func waitFor(timeout: Duration = .seconds(30), _ condition: (String) -> Bool) throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(try screen()) { return }
        }
        throw ValidationError("the screen never showed what was expected:\n\(try screen())")
    }

    func kill() {
        let server = Int32((try? tmux(["display-message", "-p", "#{pid}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
        _ = try? tmux(["kill-server"])
        if let server, server > 1 { Foundation.kill(server, SIGKILL) }
    }
}
