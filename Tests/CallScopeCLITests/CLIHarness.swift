import CallScopeKit
import CallScopeSandbox
import CallScopeTestSupport
import Foundation
import TerminalTestSupport
import Testing

/// Runs the built `callscope` binary the way a user does: a config file written from what
/// `callscope sandbox` prints, `CALLSCOPE_CONFIG` and `CALLSCOPE_DATA` pointing at a temporary
/// folder, stdout and stderr captured (so neither is a terminal).
struct CLI {
    let folder: URL
    let configFile: URL
    let endpoints: SandboxEndpoints?

    static var binary: URL {
        // The test bundle and the executables are built into the same folder.
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("callscope").path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("callscope")
    }

    typealias Run = ProgramOutput

    func run(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> Run {
        var environment = ProcessInfo.processInfo.environment
        environment.merge(self.environment) { _, new in new }
        environment.merge(extra) { _, new in new }
        return try await Program.run(Self.binary.path, arguments, environment: environment)
    }

    /// Where the binary finds its config and data.
    var environment: [String: String] {
        ["CALLSCOPE_CONFIG": configFile.path, "CALLSCOPE_DATA": folder.appendingPathComponent("data").path]
    }

    /// The id of the account's newest call of the last three days (now in the store).
    func firstCall(_ account: String) async throws -> String {
        let run = try await run(["calls", "--account", account, "--from", "-3d", "--limit", "1"])
        return try #require(try NDJSONRecordReader.records(from: run.stdout).first, "\(run.stderr)").id
    }
}

/// A sandbox on an ephemeral port, its printed config saved with mode 0600, and a CLI to run.
func withCLI<T>(calls: Int = 600, _ configure: (inout SandboxOptions) -> Void = { _ in },
                configText: ((String) -> String)? = nil, _ body: (CLI, Sandbox) async throws -> T) async throws -> T {
    var options = SandboxOptions()
    options.callsPerProvider = calls
    options.seed = 5
    configure(&options)
    let sandbox = Sandbox(options: options)
    let endpoints = try await sandbox.start()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let config = folder.appendingPathComponent("config.toml")
    let printed = SandboxConfig.toml(endpoints: endpoints, options: options)
    _ = FileManager.default.createFile(atPath: config.path, contents: Data((configText?(printed) ?? printed).utf8), attributes: [.posixPermissions: 0o600])
    do {
        let result = try await body(CLI(folder: folder, configFile: config, endpoints: endpoints), sandbox)
        await sandbox.stop()
        return result
    } catch {
        await sandbox.stop()
        throw error
    }
}


/// A recording as the sandbox serves it, read with a plain GET (with the bearer token when given).
func servedRecording(_ url: String, bearer: String? = nil) async throws -> [UInt8] {
    let headers = bearer.map { [("Authorization", "Bearer \($0)")] } ?? []
    return try await HTTPTransport(account: "test").send(HTTPRequestSpec(.GET, URL(string: url)!, headers: headers, authenticated: false)) { reply throws(AnswerProblem) in
        guard reply.status == 200 else { throw .final(.provider(account: "test", request: "GET", status: reply.status, words: reply.providerWords)) }
        return reply.body
    }
}

/// A VBot access token from the sandbox's login.
func vbotToken(_ endpoints: SandboxEndpoints) async throws -> String {
    let c = SandboxCredentials()
    let login = HTTPRequestSpec(.POST, URL(string: endpoints.vbot + "/token")!,
                                body: .form([("grant_type", "password"), ("username", c.vbotUsername), ("password", c.vbotPassword)]),
                                authenticated: false)
    return try await HTTPTransport(account: "test").send(login) { reply throws(AnswerProblem) in
        guard let token = try reply.parsedJSON()["access_token"]?.stringValue else { throw .malformed("no access_token") }
        return token
    }
}
