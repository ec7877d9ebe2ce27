import Foundation
import TerminalTestSupport

/// Runs a program to its end in a folder and returns what it printed on stdout; fails with both
/// outputs when it exits non-zero. As the `postgres` user (through runuser) when `user` is given.
/// A server the program leaves running holds none of its pipes: swift-subprocess closes every
/// other descriptor in the child, and `pg_ctl start -l` sends the server's outputs to its log.
enum ShellCommand {
    struct Failure: Error, CustomStringConvertible {
        let command: String
        let status: Int32
        let output: String
        var description: String { "`\(command)` exited with \(status):\n\(output)" }
    }

    @discardableResult
    static func run(_ program: String, _ arguments: [String], as user: String? = nil, in folder: URL) async throws -> String {
        let asUser = try user.map { [try locate("runuser"), "-u", $0, "--"] } ?? []
        let command = asUser + [program] + arguments
        let result = try await Program.run(command[0], Array(command.dropFirst()), in: folder.path)
        guard result.status == 0 else {
            throw Failure(command: ([program] + arguments).joined(separator: " "), status: result.status, output: result.stdout + result.stderr)
        }
        return result.stdout
    }

    /// The path of a program on PATH or in the usual system folders.
    static func locate(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"] {
            let candidate = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw PostgresMissing(reason: "\(name) is not on PATH")
    }
}

/// PostgreSQL cannot be run here: the tests that need it fail with this, never skip.
public struct PostgresMissing: Error, CustomStringConvertible {
    public let reason: String
    public var description: String {
        "PostgreSQL is needed by this test and cannot be started: \(reason). Install it with `apt-get install postgresql` (.ci/run does)."
    }
}
