import ArgumentParser
import CallScopeKit
import CallScopeSandbox
import Foundation

/// The TUI in tmux, as a user drives it: on a store of a million calls offline (a one-year range)
/// and on a 30-day CareSoft range synced from a million-call sandbox (about 250,000 calls). For
/// each: start to the first rows, `G` to the range's last row on screen, keypress to screen, and
/// the process's peak RSS after `G` and after scrolling 100,000 rows (tmux `send-keys`, then
/// `capture-pane` polled until the screen shows the effect).
struct TUIBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "The TUI over the store in tmux: start, G, keypress latency and peak RSS, offline on a 1M store and online on a synced range (needs tmux)."
    )

    @Option(help: "Keypresses measured.") var keys = 50
    @Option(help: "Starts measured.") var starts = 5
    @Option(help: "Rows scrolled before the last memory reading.") var scroll = 100_000
    @Option(help: "The store made by `callscope-bench store --folder F` (its account \"bench\", a year of calls), read offline.")
    var store: String?
    @Option(help: "Calls per provider of the sandbox for the online run (0: no online run).") var sandboxCalls = 1_000_000

    func run() async throws {
        guard FileManager.default.isExecutableFile(atPath: ChildProcess.callscope) else {
            throw ValidationError("build callscope next to the bench first: swift build -c release")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        if let store {
            // The store bench's calls belong to a CareSoft account named "bench"; offline, the
            // provider is never contacted.
            let config = folder.appendingPathComponent("offline.toml")
            let text = "[[account]]\nname = \"bench\"\nprovider = \"caresoft\"\nbase_url = \"http://127.0.0.1:9\"\ndomain = \"bench\"\ntoken = \"unused\"\n"
            _ = FileManager.default.createFile(atPath: config.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
            try measure("offline, the one-year range of the 1,000,000-call store in \(store)",
                        command: "exec \(ChildProcess.callscope) --offline --account bench --from -366d",
                        environment: ["CALLSCOPE_CONFIG": config.path, "CALLSCOPE_DATA": store])
        }
        if sandboxCalls > 0 {
            var options = SandboxOptions()
            options.callsPerProvider = sandboxCalls
            let sandbox = Sandbox(options: options)
            let endpoints = try await sandbox.start()
            let config = folder.appendingPathComponent("config.toml")
            _ = FileManager.default.createFile(atPath: config.path, contents: Data(SandboxConfig.toml(endpoints: endpoints, options: options).utf8),
                                               attributes: [.posixPermissions: 0o600])
            // Each start syncs into a data folder of its own, as a new user's first start.
            var run = 0
            try measure("online, CareSoft's last 30 days of a \(Count.grouped(sandboxCalls))-call sandbox, synced in the background",
                        command: "exec \(ChildProcess.callscope) --account cs --from -30d") {
                run += 1
                return ["CALLSCOPE_CONFIG": config.path, "CALLSCOPE_DATA": folder.appendingPathComponent("data-\(run)").path]
            }
            await sandbox.stop()
        }
    }

    func measure(_ title: String, command: String, environment: [String: String]) throws {
        try measure(title, command: command) { environment }
    }

    func measure(_ title: String, command: String, environment: () -> [String: String]) throws {
        func ms(_ v: Double) -> String { Measure.format(v * 1000) }
        let startTimes = try (0..<starts).map { _ in
            let session = TmuxSession()
            defer { session.kill() }
            let started = ContinuousClock.now
            try session.start(command, environment: environment())
            try session.waitFor { $0.contains("▶") }
            return seconds(ContinuousClock.now - started)
        }
        let session = TmuxSession()
        defer { session.kill() }
        try session.start(command, environment: environment())
        try session.waitFor { $0.contains("▶") }
        let pid = try session.panePID()
        // Once the list is counted ("row 1 of M") and, online, the range synced: G and the
        // scrolling then cover the whole range.
        try session.waitFor(timeout: .seconds(300)) { Self.position($0) != nil && !$0.contains("syncing") }
        let started = ContinuousClock.now
        try session.send("G")
        // The last row: the position indicator says "row M of M".
        try session.waitFor { screen in Self.position(screen).map { $0.row == $0.total } ?? false }
        let toEnd = seconds(ContinuousClock.now - started)
        let rows = Self.position(try session.screen())?.total ?? 0
        let afterG = Double(ChildProcess.highWaterKiB(pid)) / 1024
        var latencies: [Double] = []
        for n in 0..<keys {
            let before = Self.position(try session.screen())?.row
            let t = ContinuousClock.now
            try session.send(n % 10 < 5 ? "k" : "j")
            try session.waitFor { Self.position($0)?.row != before }
            latencies.append(seconds(ContinuousClock.now - t))
        }
        // 100,000 rows up from the end, a page a key, many keys a send.
        try session.send("g")
        try session.waitFor { Self.position($0)?.row == 1 }
        // Keys past the rows held wait for the next rows to be read (the selection stops at the
        // last row held meanwhile), so each burst is followed by waiting for the screen to move.
        let target = min(scroll, max(0, rows - 1))
        var at = 1
        while at < target {
            try session.tmux(["send-keys", "-t", "b"] + Array(repeating: "PgDn", count: 20))
            let before = at
            try session.waitFor { (Self.position($0)?.row ?? 0) > before }
            at = Self.position(try session.screen())?.row ?? before
        }
        let scrolledTo = Self.position(try session.screen())?.row ?? 0
        let afterScroll = Double(ChildProcess.highWaterKiB(pid)) / 1024
        print("tui \(title) (release binary in tmux 100×30, \(Count.grouped(rows)) rows)")
        print("  start to first rows: median \(ms(Measure.median(startTimes))) ms over \(starts) starts (min \(ms(startTimes.min() ?? 0)), max \(ms(startTimes.max() ?? 0)))")
        print("  G to the last row on screen: \(ms(toEnd)) ms")
        print("  keypress to screen: median \(ms(Measure.median(latencies))) ms, p95 \(ms(Measure.percentile(latencies, 0.95))) ms over \(keys) keys (j/k)")
        print("  peak RSS after G: \(Measure.format(afterG)) MiB; after scrolling to row \(Count.grouped(scrolledTo)): \(Measure.format(afterScroll)) MiB")
    }

    /// "row N of M" in the status line.
    static func position(_ screen: String) -> (row: Int, total: Int)? {
        guard let range = screen.range(of: #"row [0-9,]+ of [0-9,]+"#, options: .regularExpression) else { return nil }
        let numbers = screen[range].split(separator: " ").compactMap { Int($0.replacingOccurrences(of: ",", with: "")) }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
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
    /// The process running in the pane (callscope).
    func panePID() throws -> pid_t {
        guard let pid = pid_t(try tmux(["display-message", "-p", "-t", "b", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ValidationError("tmux did not say the pane's process")
        }
        return pid
    }
    func send(_ key: String) throws { try tmux(["send-keys", "-t", "b", key]) }

    func waitFor(timeout: Duration = .seconds(120), _ condition: (String) -> Bool) throws {
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
