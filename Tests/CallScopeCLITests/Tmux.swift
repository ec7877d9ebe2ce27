import Foundation
import Testing

/// A program running in its own tmux server (`-L`, so parallel tests never meet), driven with
/// `send-keys` and read with `capture-pane`, waiting on what the screen shows, never on fixed sleeps.
struct Tmux {
    let socket = "callscope-test-\(UUID().uuidString.prefix(8))"
    static let executable = URL(fileURLWithPath: "/usr/bin/tmux")

    /// Starts `command` (run by sh) in a detached session of `columns`×`rows` with UTF-8.
    static func start(_ command: String, environment: [String: String], columns: Int = 100, rows: Int = 30) async throws -> Tmux {
        let tmux = Tmux()
        var arguments = ["-L", tmux.socket, "-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "\(columns)", "-y", "\(rows)", "-e", "LANG=C.UTF-8", "-e", "TERM=tmux-256color"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        arguments.append(command)
        let status = await Subprocess.spawnDetached(executable, arguments)
        #expect(status == 0, "tmux new-session failed (\(status))")
        return tmux
    }

    /// Another session on the same server (a second program beside the first).
    func startSession(_ name: String, _ command: String, environment: [String: String]) async {
        var arguments = ["-L", socket, "new-session", "-d", "-s", name, "-x", "100", "-y", "10", "-e", "LANG=C.UTF-8"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        _ = await Subprocess.spawnDetached(Self.executable, arguments + [command])
    }

    func screen(of session: String) async throws -> String { try await tmux(["capture-pane", "-t", session, "-p"]).stdout }

    @discardableResult
    func tmux(_ arguments: [String]) async throws -> CLI.Run {
        let base = arguments.first == "-L" ? arguments : ["-L", socket] + arguments
        return try await Subprocess.run(Self.executable, base)
    }

    /// Keys by tmux name (`j`, `Enter`, `Escape`, `C-c`, `Tab`).
    func send(_ keys: String...) async throws { try await tmux(["send-keys", "-t", "t"] + keys) }

    /// Text typed literally.
    func type(_ text: String) async throws { try await tmux(["send-keys", "-t", "t", "-l", text]) }

    func screen() async throws -> String { try await tmux(["capture-pane", "-t", "t", "-p"]).stdout }

    func display(_ format: String) async throws -> String {
        try await tmux(["display-message", "-t", "t", "-p", format]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(columns: Int, rows: Int) async throws {
        try await tmux(["resize-window", "-t", "t", "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// Polls the screen until `condition` holds; fails the test with the last screen if it never does.
    @discardableResult
    func waitFor(_ what: String, timeout: Duration = .seconds(20), _ condition: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            last = try await screen()
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("timed out waiting for \(what); the screen:\n\(last)")
        throw TmuxTimeout()
    }

    @discardableResult
    func waitFor(text: String, timeout: Duration = .seconds(20)) async throws -> String {
        try await waitFor("“\(text)”", timeout: timeout) { $0.contains(text) }
    }

    /// Ends the server and everything in its pane (the app, the shell), whatever state they are in.
    func kill() async {
        let server = Int32((try? await display("#{pid}")) ?? "")
        let panes = ((try? await tmux(["list-panes", "-a", "-F", "#{pane_pid}"]))?.stdout ?? "").split(separator: "\n").compactMap { Int32($0) }
        _ = try? await tmux(["kill-server"])
        // Each pane's shell leads its own process group.
        for pane in panes where pane > 1 { Foundation.kill(-pane, SIGKILL) }
        if let server, server > 1 { Foundation.kill(server, SIGKILL) }
    }
}

struct TmuxTimeout: Error {}

extension String {
    var lines: [String] { split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// The row with the selection marker.
    var selectedRow: String? { lines.first { $0.hasPrefix("▶") } }

    /// The list's rows: a marker column, then the day and time (`▶21 09:12:03`).
    var callRows: [String] {
        lines.filter { line in
            let chars = Array(line.prefix(12))
            return chars.count == 12 && (chars[0] == "▶" || chars[0] == " ") && chars[1].isNumber && chars[2].isNumber
                && chars[3] == " " && chars[6] == ":" && chars[9] == ":"
        }
    }
}
