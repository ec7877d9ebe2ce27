import ArgumentParser
import CallScopeKit
import CallScopeSandbox
import Foundation
import TerminalTestSupport

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
        try await measureReference()
        if let store {
            // The store bench's calls belong to a CareSoft account named "bench"; offline, the
            // provider is never contacted.
            let config = folder.appendingPathComponent("offline.toml")
            let text = "[[account]]\nname = \"bench\"\nprovider = \"caresoft\"\nbase_url = \"http://127.0.0.1:9\"\ndomain = \"bench\"\ntoken = \"unused\"\n"
            _ = FileManager.default.createFile(atPath: config.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
            let arguments = ["--offline", "--account", "bench", "--from", "-366d"]
            let environment = ["CALLSCOPE_CONFIG": config.path, "CALLSCOPE_DATA": store]
            let rows = try await measure("offline, the one-year range of the 1,000,000-call store in \(store)",
                                         command: "exec \(ChildProcess.callscope) \(arguments.joined(separator: " "))", environment: environment)
            try await PseudoTerminalBench(starts: starts, keys: keys).measure(arguments: arguments, environment: environment, rows: rows)
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
            try await measure("online, CareSoft's last 30 days of a \(Count.grouped(sandboxCalls))-call sandbox, synced in the background",
                        command: "exec \(ChildProcess.callscope) --account cs --from -30d") {
                run += 1
                return ["CALLSCOPE_CONFIG": config.path, "CALLSCOPE_DATA": folder.appendingPathComponent("data-\(run)").path]
            }
            await sandbox.stop()
        }
    }

    /// The number of rows of the list measured.
    func measure(_ title: String, command: String, environment: [String: String]) async throws -> Int {
        try await measure(title, command: command) { environment }
    }

    /// Waits without pausing between captures (the first sight of a change is what is timed).
    private func waitFor(_ tmux: Tmux, _ what: String, timeout: Duration = .seconds(120), _ condition: (String) -> Bool) async throws {
        try await tmux.waitFor(what, timeout: timeout, poll: .zero, condition)
    }

    @discardableResult
    func measure(_ title: String, command: String, environment: () -> [String: String]) async throws -> Int {
        var startTimes: [Double] = []
        for _ in 0..<starts {
            let started = ContinuousClock.now
            let tmux = try await Tmux.start(command, environment: environment())
            do {
                try await waitFor(tmux, "the first rows") { $0.contains("▶") }
                startTimes.append((ContinuousClock.now - started).seconds)
                await tmux.kill()
            } catch {
                await tmux.kill()
                throw error
            }
        }
        let started = ContinuousClock.now
        let tmux = try await Tmux.start(command, environment: environment())
        do {
            let rows = try await measureSession(title, tmux, started: started, startTimes: startTimes)
            await tmux.kill()
            return rows
        } catch {
            await tmux.kill()
            throw error
        }
    }

    private func measureSession(_ title: String, _ tmux: Tmux, started start: ContinuousClock.Instant, startTimes: [Double]) async throws -> Int {
        func ms(_ v: Double) -> String { Measure.format(v * 1000) }
        try await waitFor(tmux, "the first rows") { $0.contains("▶") }
        let pid = try await tmux.panePID()
        // Once the list is counted ("row 1 of M") and, online, the range synced: G and the
        // scrolling then cover the whole range.
        try await waitFor(tmux, "the list counted and synced", timeout: .seconds(300)) { Self.position($0) != nil && !$0.contains("syncing") }
        let ready = (ContinuousClock.now - start).seconds
        let started = ContinuousClock.now
        try await tmux.send("G")
        // The last row: the position indicator says "row M of M".
        try await waitFor(tmux, "the last row") { screen in Self.position(screen).map { $0.row == $0.total } ?? false }
        let toEnd = (ContinuousClock.now - started).seconds
        let rows = Self.position(try await tmux.screen())?.total ?? 0
        let afterG = Double(ChildProcess.highWaterKiB(pid)) / 1024
        var latencies: [Double] = []
        for n in 0..<keys {
            let before = Self.position(try await tmux.screen())?.row
            let t = ContinuousClock.now
            try await tmux.send(n % 10 < 5 ? "k" : "j")
            try await waitFor(tmux, "the selection moved") { Self.position($0)?.row != before }
            latencies.append((ContinuousClock.now - t).seconds)
        }
        // 100,000 rows up from the end, a page a key, many keys a send.
        try await tmux.send("g")
        try await waitFor(tmux, "the first row") { Self.position($0)?.row == 1 }
        // Keys past the rows held wait for the next rows to be read (the selection stops at the
        // last row held meanwhile), so each burst is followed by waiting for the screen to move.
        let target = min(scroll, max(0, rows - 1))
        var at = 1
        while at < target {
            try await tmux.send(Array(repeating: "PgDn", count: 20))
            let before = at
            try await waitFor(tmux, "the list scrolled") { (Self.position($0)?.row ?? 0) > before }
            at = Self.position(try await tmux.screen())?.row ?? before
        }
        let scrolledTo = Self.position(try await tmux.screen())?.row ?? 0
        let afterScroll = Double(ChildProcess.highWaterKiB(pid)) / 1024
        print("tui \(title) (release binary in tmux 100×30, \(Count.grouped(rows)) rows)")
        print("  start to the range counted (and, online, synced): \(Measure.format(ready)) s")
        print("  start to first rows: median \(ms(Measure.median(startTimes))) ms over \(starts) starts (min \(ms(startTimes.min() ?? 0)), max \(ms(startTimes.max() ?? 0)))")
        print("  G to the last row on screen: \(ms(toEnd)) ms")
        print("  keypress to screen: median \(ms(Measure.median(latencies))) ms, p95 \(ms(Measure.percentile(latencies, 0.95))) ms over \(keys) keys (j/k)")
        print("  peak RSS after G: \(Measure.format(afterG)) MiB; after scrolling to row \(Count.grouped(scrolledTo)): \(Measure.format(afterScroll)) MiB")
        return rows
    }

    /// What the harness itself costs, measured the same way: a fresh process that prints at
    /// once (`cat` after a line), and keys echoed by the terminal.
    private func measureReference() async throws {
        func ms(_ v: Double) -> String { Measure.format(v * 1000) }
        var startTimes: [Double] = [], echoes: [Double] = []
        for run in 0..<starts {
            let started = ContinuousClock.now
            let tmux = try await Tmux.start("printf '\\342\\226\\266 ready\\n'; exec cat", environment: [:])
            do {
                try await waitFor(tmux, "the reference's line") { $0.contains("▶") }
                startTimes.append((ContinuousClock.now - started).seconds)
                if run == 0 {
                    for n in 1...keys {
                        let t = ContinuousClock.now
                        try await tmux.send("x")
                        try await waitFor(tmux, "the echo") { $0.filter { $0 == "x" }.count >= n }
                        echoes.append((ContinuousClock.now - t).seconds)
                    }
                }
                await tmux.kill()
            } catch {
                await tmux.kill()
                throw error
            }
        }
        print("reference: tmux 100×30 running a fresh process that prints at once (printf; cat)")
        print("  start to its line: median \(ms(Measure.median(startTimes))) ms over \(starts) starts; a key echoed: median \(ms(Measure.median(echoes))) ms over \(keys) keys")
    }

    /// "row N of M" in the status line.
    static func position(_ screen: String) -> (row: Int, total: Int)? {
        guard let range = screen.range(of: #"row [0-9,]+ of [0-9,]+"#, options: .regularExpression) else { return nil }
        let numbers = screen[range].split(separator: " ").compactMap { Int($0.replacingOccurrences(of: ",", with: "")) }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
    }
}
