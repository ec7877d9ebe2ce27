import CallScopeKit
import CallScopeSandbox
import CallScopeTestSupport
import Foundation
import TerminalTestSupport
import Testing

@Suite("callscope download (the built binary)") struct DownloadCommandTests {
    /// Recent calls of an account, with and without a recording.
    func calls(_ cli: CLI, _ account: String) async throws -> [CallRecord] {
        let run = try await cli.run(["calls", "--account", account, "--from", "-3d", "--to", "now"])
        #expect(run.status == 0, "\(run.stderr)")
        return try NDJSONRecordReader.records(from: run.stdout)
    }

    func downloads(_ cli: CLI) -> URL { cli.folder.appendingPathComponent("dl") }

    func run(_ cli: CLI, _ arguments: [String]) async throws -> CLI.Run {
        try await cli.run(["download"] + arguments, environment: ["XDG_DOWNLOAD_DIR": downloads(cli).path])
    }

    @Test func savesIntoTheDownloadsFolderPrintsThePathAndIndexesIt() async throws {
        try await withCLI { cli, _ in
            let call = try #require(try await calls(cli, "cs").first { $0.recordingURL != nil })
            let run = try await run(cli, ["--account", "cs", call.id])
            #expect(run.status == 0, "\(run.stderr)")
            let file = downloads(cli).appendingPathComponent("callscope/cs-\(call.id).wav")
            #expect(run.stdout == file.path + "\n")
            #expect(run.stderr.isEmpty, "no progress bar when stderr is not a terminal")
            #expect(Array(try Data(contentsOf: file)) == (try await servedRecording(call.recordingURL!)))
            #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == [file.lastPathComponent])
            let index = try DownloadIndex(dataDirectory: cli.folder.appendingPathComponent("data")).entries()
            #expect(index.map(\.path) == [file.path] && index[0].account == "cs" && index[0].id == call.id)
        }
    }

    @Test func vbotsRecordingComesWithTheBearerTokenToOut() async throws {
        try await withCLI { cli, _ in
            let call = try #require(try await calls(cli, "vb-crm").first { $0.recordingURL != nil })
            let out = cli.folder.appendingPathComponent("call.wav")
            let run = try await run(cli, ["--account", "vb-crm", call.id, "--out", out.path])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == out.path + "\n")
            #expect(Array(try Data(contentsOf: out)) == (try await servedRecording(call.recordingURL!, bearer: vbotToken(cli.endpoints!))))
        }
    }

    @Test func aCallWithoutARecordingExitsOneSayingSo() async throws {
        try await withCLI { cli, _ in
            let call = try #require(try await calls(cli, "omi").first { $0.recordingURL == nil })
            let run = try await run(cli, ["--account", "omi", call.id])
            #expect(run.status == 1 && run.stdout.isEmpty)
            #expect(run.stderr == "callscope: omi: call \(call.id) has no recording\n")
            #expect(!FileManager.default.fileExists(atPath: downloads(cli).appendingPathComponent("callscope/omi-\(call.id).wav").path))
        }
    }

    @Test func vbotWithAWrongPasswordFailsClearly() async throws {
        try await withCLI { cli, _ in
            let call = try #require(try await calls(cli, "vb-crm").first { $0.recordingURL != nil })
            let broken = try String(contentsOf: cli.configFile, encoding: .utf8).replacingOccurrences(of: "sandbox-vbot-password", with: "wrong")
            try broken.write(to: cli.configFile, atomically: true, encoding: .utf8)
            // The call is in the store from the listing above; its recording needs a token the login refuses.
            try FileManager.default.removeItem(at: cli.folder.appendingPathComponent("data/tokens.json"))
            let run = try await run(cli, ["--account", "vb-crm", call.id])
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stderr.contains("vb-crm: POST /vbot/token: authentication failed: The user name or password is incorrect."))
        }
    }

    @Test func anInterruptedDownloadResumesOnTheNextRun() async throws {
        try await withCLI { cli, sandbox in
            let call = try #require(try await calls(cli, "cs").first { $0.recordingURL != nil })
            let file = downloads(cli).appendingPathComponent("callscope/cs-\(call.id).wav")
            sandbox.faults = try .parse("truncate=1,only=/caresoft/khachhang01/recordings")
            let cut = try await run(cli, ["--account", "cs", call.id])
            #expect(cut.status == 1 && cut.stderr.contains("network error") && cut.stderr.contains(".part"), "\(cut.stderr)")
            #expect(!FileManager.default.fileExists(atPath: file.path), "nothing partial under the final name")
            #expect(FileManager.default.fileExists(atPath: file.path + ".part"))
            sandbox.faults = .none
            let resumed = try await run(cli, ["--account", "cs", call.id])
            #expect(resumed.status == 0, "\(resumed.stderr)")
            #expect(sandbox.recordingRequests.last?.range?.hasPrefix("bytes=") == true && sandbox.recordingRequests.last?.status == 206)
            #expect(Array(try Data(contentsOf: file)) == (try await servedRecording(call.recordingURL!)))
            #expect(!FileManager.default.fileExists(atPath: file.path + ".part"))
        }
    }

    /// A real full disk: the download runs in a mount namespace of its own (as the read-only data
    /// folder test does), writing to a tmpfs of one page that no other process sees.
    @Test func aFullDiskIsSaidAndThePartKept() async throws {
        try await withCLI { cli, _ in
            let call = try #require(try await calls(cli, "cs").first { $0.recordingURL != nil })
            #expect(try await servedRecording(call.recordingURL!).count > OnePageDisk.bytes)
            let disk = cli.folder.appendingPathComponent("disk")
            try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
            let out = disk.appendingPathComponent("full.wav")
            let run = try await OnePageDisk.run(at: disk, CLI.binary.path, ["download", "--account", "cs", call.id, "--out", out.path],
                                                environment: cli.environment)
            #expect(run.status == 1)
            #expect(run.stderr.contains("full.wav.part: disk full"), "\(run.stderr)")
            #expect(run.filesLeft == ["full.wav.part"])
        }
    }
}

/// A program run with a one-page tmpfs mounted at a folder, seen by it alone.
enum OnePageDisk {
    static let bytes = 4096

    struct Run {
        let status: Int32
        let stderr: String
        /// What the disk held when the program ended.
        let filesLeft: [String]
    }

    static func run(at folder: URL, _ program: String, _ arguments: [String], environment: [String: String]) async throws -> Run {
        // The program's stdout is dropped: the script's lists what the disk holds once it has ended.
        let script = #"mount -t tmpfs -o size=4k callscope-full "$0" && { "$@" >/dev/null; status=$?; ls -A "$0"; exit $status; }"#
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { _, new in new }
        let output = try await Program.run("/usr/bin/unshare", ["-m", "--propagation", "private", "sh", "-c", script, folder.path, program] + arguments,
                                           environment: variables)
        return Run(status: output.status, stderr: output.stderr, filesLeft: output.stdout.split(separator: "\n").map(String.init).sorted())
    }
}
