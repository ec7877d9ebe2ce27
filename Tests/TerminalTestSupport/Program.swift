import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// What a program that ran to its end left: its exit status (128 + the signal that killed it)
/// and everything it wrote.
public struct ProgramOutput: Sendable {
    /// The process it ran as (ended and reaped now: a process id no process has).
    public let processID: Int32
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Programs run to their end through swift-subprocess, for the tests and the bench: nothing here
/// blocks a Swift concurrency thread (a sandbox answering the program runs on those threads).
public enum Program {
    /// Runs `executable` with `environment` (the whole of it; nil: this process's) in `folder`
    /// (nil: this process's) and collects both outputs, drained while it runs so a large output
    /// cannot stall it.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           in folder: String? = nil) async throws -> ProgramOutput {
        let result = try await Subprocess.run(.path(FilePath(executable)), arguments: Arguments(arguments),
                                              environment: environment.map(Self.environment) ?? .inherit,
                                              workingDirectory: folder.map { FilePath($0) },
                                              output: .string(limit: 1 << 30), error: .string(limit: 1 << 26))
        return ProgramOutput(processID: result.processIdentifier.value, status: status(result.terminationStatus), stdout: result.standardOutput, stderr: result.standardError)
    }

    /// Runs a program that may leave a daemon behind (tmux's first client forks its server) and
    /// returns its exit status: its input and outputs are /dev/null, so no pipe is left open for
    /// the daemon to hold, and only the program's own end is waited for.
    public static func runDetached(_ executable: String, _ arguments: [String]) async throws -> Int32 {
        status(try await Subprocess.run(.path(FilePath(executable)), arguments: Arguments(arguments), output: .discarded).terminationStatus)
    }

    public static func environment(_ variables: [String: String]) -> Environment {
        // Each entry NUL-terminated: the package hands the bytes to strdup as they are.
        .custom(variables.map { Array("\($0.key)=\($0.value)\0".utf8) })
    }

    public static func status(_ termination: TerminationStatus) -> Int32 {
        switch termination {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
    }
}
