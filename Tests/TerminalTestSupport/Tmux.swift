import Foundation

/// A program running in its own tmux server (`-L`, so parallel tests never meet), driven with
/// `send-keys` and read with `capture-pane`, waiting on what the screen shows, never on fixed
/// sleeps. The one driver of the end-to-end tests and of `callscope-bench tui`.
public struct Tmux: Sendable {
    public let socket = "callscope-tmux-\(UUID().uuidString.prefix(8))"
    /// The first session's name.
    public let session = "t"
    static let executable = "/usr/bin/tmux"

    /// Starts `command` (run by sh) in a detached session of `columns`×`rows` with UTF-8.
    public static func start(_ command: String, environment: [String: String], columns: Int = 100, rows: Int = 30) async throws -> Tmux {
        let tmux = Tmux()
        let arguments = ["-L", tmux.socket, "-f", "/dev/null", "new-session", "-d", "-s", tmux.session, "-x", "\(columns)", "-y", "\(rows)",
                         "-e", "LANG=C.UTF-8", "-e", "TERM=tmux-256color"] + Self.variables(environment) + [command]
        let status = try await Program.runDetached(executable, arguments)
        guard status == 0 else { throw TmuxError.didNotStart(status: status) }
        return tmux
    }

    /// Another session on the same server (a second program beside the first).
    public func startSession(_ name: String, _ command: String, environment: [String: String]) async throws {
        let arguments = ["-L", socket, "new-session", "-d", "-s", name, "-x", "100", "-y", "10", "-e", "LANG=C.UTF-8"]
        _ = try await Program.runDetached(Self.executable, arguments + Self.variables(environment) + [command])
    }

    private static func variables(_ environment: [String: String]) -> [String] {
        environment.sorted { $0.key < $1.key }.flatMap { ["-e", "\($0.key)=\($0.value)"] }
    }

    @discardableResult
    public func tmux(_ arguments: [String]) async throws -> ProgramOutput {
        try await Program.run(Self.executable, ["-L", socket] + arguments)
    }

    /// Keys by tmux name (`j`, `Enter`, `Escape`, `C-c`, `Tab`, `PgDn`).
    public func send(_ keys: String...) async throws { try await send(keys) }

    public func send(_ keys: [String]) async throws { try await tmux(["send-keys", "-t", session] + keys) }

    /// Text typed literally.
    public func type(_ text: String) async throws { try await tmux(["send-keys", "-t", session, "-l", text]) }

    public func screen(of session: String? = nil) async throws -> String {
        try await tmux(["capture-pane", "-t", session ?? self.session, "-p"]).stdout
    }

    public func display(_ format: String) async throws -> String {
        try await tmux(["display-message", "-t", session, "-p", format]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The process running in the first session's pane.
    public func panePID() async throws -> pid_t {
        guard let pid = pid_t(try await display("#{pane_pid}")) else { throw TmuxError.noPane }
        return pid
    }

    public func resize(columns: Int, rows: Int) async throws {
        try await tmux(["resize-window", "-t", session, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// Polls the screen every `poll` until `condition` holds, and returns that screen; throws
    /// with the last screen if it never does within `timeout`. `settled`: the condition must hold
    /// on two captures in a row, and the later is returned, since a capture can fall between two
    /// writes of one frame (the title of the new frame above the rows of the old); for a screen
    /// that stays once it is reached, not a passing one.
    @discardableResult
    public func waitFor(_ what: String, timeout: Duration = .seconds(20), poll: Duration = .milliseconds(20), settled: Bool = false,
                        _ condition: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        var heldBefore = false
        while ContinuousClock.now < deadline {
            last = try await screen()
            let holds = condition(last)
            if holds, !settled || heldBefore { return last }
            heldBefore = holds
            if poll > .zero { try await Task.sleep(for: poll) }
        }
        throw TmuxError.timedOut(waitingFor: what, screen: last)
    }

    @discardableResult
    public func waitFor(text: String, timeout: Duration = .seconds(20)) async throws -> String {
        try await waitFor("“\(text)”", timeout: timeout) { $0.contains(text) }
    }

    /// Ends the server and everything in its panes (the app, the shell), whatever state they are in.
    public func kill() async {
        let server = Int32((try? await tmux(["display-message", "-p", "#{pid}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? "")
        let panes = ((try? await tmux(["list-panes", "-a", "-F", "#{pane_pid}"]))?.stdout ?? "").split(separator: "\n").compactMap { Int32($0) }
        _ = try? await tmux(["kill-server"])
        // Each pane's shell leads its own process group.
        for pane in panes where pane > 1 { Foundation.kill(-pane, SIGKILL) }
        if let server, server > 1 { Foundation.kill(server, SIGKILL) }
    }
}

public enum TmuxError: Error, CustomStringConvertible {
    case didNotStart(status: Int32)
    case noPane
    case timedOut(waitingFor: String, screen: String)

    public var description: String {
        switch self {
        case .didNotStart(let status): "tmux new-session failed (exit \(status))"
        case .noPane: "tmux did not say the pane's process"
        case .timedOut(let what, let screen): "timed out waiting for \(what); the screen:\n\(screen)"
        }
    }
}
