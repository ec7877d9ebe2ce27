import Foundation

/// Runs a program to its end and returns what it printed; fails with its output when it exits
/// non-zero. As the `postgres` user (through runuser) when `user` is given.
enum ShellCommand {
    struct Failure: Error, CustomStringConvertible {
        let command: String
        let status: Int32
        let output: String
        var description: String { "`\(command)` exited with \(status):\n\(output)" }
    }

    @discardableResult
    static func run(_ program: String, _ arguments: [String], as user: String? = nil, in folder: URL? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        let command = (try user.map { [try locate("runuser"), "-u", $0, "--"] } ?? []) + [program] + arguments
        process.arguments = ["-c", closeInheritedFiles + "exec \"$@\"", "bash"] + command
        if let folder { process.currentDirectoryURL = folder }
        // A file rather than a pipe: nothing a command leaves running can hold it open.
        let outputFile = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("callscope-command-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let output = try FileHandle(forWritingTo: outputFile)
        defer { try? output.close() }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: (try? Data(contentsOf: outputFile)) ?? Data(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure(command: ([program] + arguments).joined(separator: " "), status: process.terminationStatus, output: text)
        }
        return text
    }

    /// Shell lines that close every file descriptor above 2 before the command runs: Foundation
    /// watches a child through a socket the child inherits, so a server the command leaves running
    /// (`pg_ctl start`) would keep `waitUntilExit` waiting for ever.
    static let closeInheritedFiles = #"for f in /proc/$$/fd/*; do n=${f##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-" 2>/dev/null; done; "#

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
