import Foundation
import Subprocess
import Synchronization
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// A program that keeps running while a test works beside it (a receiver, a sync to be killed):
/// its first stdout line, then SIGTERM or SIGKILL and how it ended, with everything it wrote.
public final class LongRunning: Sendable {
    /// What the running task and the test share.
    private final class Seen: Sendable {
        let output = Mutex<(stdout: Data, stderr: Data)>((Data(), Data()))
        let processID = Mutex<pid_t?>(nil)
        let ended = Mutex(false)
    }

    private let seen = Seen()
    private let run: Task<TerminationStatus, any Error>

    /// Starts `executable` with this process's environment and `extra` over it.
    public init(_ executable: URL, _ arguments: [String], environment extra: [String: String]) {
        var environment = ProcessInfo.processInfo.environment
        environment.merge(extra) { _, new in new }
        let seen = seen
        run = Task {
            defer { seen.ended.withLock { $0 = true } }
            return try await Subprocess.run(.path(FilePath(executable.path)), arguments: Arguments(arguments),
                                            environment: Program.environment(environment), input: .none,
                                            output: .sequence, error: .sequence) { execution in
                seen.processID.withLock { $0 = execution.processIdentifier.value }
                // Both read to their end while it runs, so a full pipe never stalls it.
                async let standardOutput: Void = Self.collect(execution.standardOutput, into: seen, stdout: true)
                async let standardError: Void = Self.collect(execution.standardError, into: seen, stdout: false)
                _ = try await (standardOutput, standardError)
            }.terminationStatus
        }
    }

    private static func collect(_ sequence: SubprocessOutputSequence, into seen: Seen, stdout: Bool) async throws {
        for try await buffer in sequence {
            let chunk = buffer.withUnsafeBytes { Data($0) }
            seen.output.withLock { if stdout { $0.stdout.append(chunk) } else { $0.stderr.append(chunk) } }
        }
    }

    public var stderr: String { String(decoding: seen.output.withLock { $0.stderr }, as: UTF8.self) }
    /// What it wrote to stdout so far.
    public var stdout: String { String(decoding: seen.output.withLock { $0.stdout }, as: UTF8.self) }

    /// Whether it has not ended yet (from the moment it is made).
    public var isRunning: Bool { !seen.ended.withLock { $0 } }

    /// The first stdout line, waiting up to 30 s for it.
    public func firstLine() async throws -> String {
        for _ in 0..<600 {
            let text = String(decoding: seen.output.withLock { $0.stdout }, as: UTF8.self)
            if let newline = text.firstIndex(of: "\n") { return String(text[..<newline]) }
            if !isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw LongRunningError(message: "no line on stdout; stderr: \(stderr)")
    }

    /// SIGTERM, then the exit status once it has ended and both outputs are read to their end.
    public func terminate() async -> Int32 { await end(with: SIGTERM) }

    /// SIGINT (ctrl-c), then the exit status as `terminate` gives it.
    public func interrupt() async -> Int32 { await end(with: SIGINT) }

    private func end(with signal: Int32) async -> Int32 {
        await self.signal(signal)
        return Program.status((try? await run.value) ?? .exited(-1))
    }

    /// `kill -9`: no handler runs, nothing is flushed or closed; then how it ended (the signal's
    /// number when a signal ended it).
    public func kill9() async -> (status: Int32, bySignal: Bool) {
        await signal(SIGKILL)
        switch try? await run.value {
        case .signaled(let signal)?: return (signal, true)
        case .exited(let code)?: return (code, false)
        case nil: return (-1, false)
        }
    }

    /// Sends `signal` once the process has started (it may not have yet), unless it has ended.
    private func signal(_ signal: Int32) async {
        while isRunning {
            if let pid = seen.processID.withLock({ $0 }) {
                kill(pid, signal)
                return
            }
            try? await Task.sleep(for: .milliseconds(1))
        }
    }
}

public struct LongRunningError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
