import CallScopeSandbox
import Foundation

/// A sandbox on a free loopback port, a folder of its own with the sandbox's config, and the
/// environment a `callscope` child process runs in there (its own data folder and home).
struct BenchSandbox {
    let sandbox: Sandbox
    let folder: URL
    let environment: [String: String]

    static func start(_ options: SandboxOptions, name: String) async throws -> BenchSandbox {
        let sandbox = Sandbox(options: options)
        let endpoints = try await sandbox.start()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-\(name)-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("config.toml")
        try SandboxConfig.toml(endpoints: endpoints, options: options).write(to: config, atomically: true, encoding: .utf8)
        let environment = ["CALLSCOPE_CONFIG": config.path, "CALLSCOPE_DATA": folder.appendingPathComponent("data").path,
                           "HOME": folder.path, "PATH": "/usr/bin:/bin"]
        return BenchSandbox(sandbox: sandbox, folder: folder, environment: environment)
    }

    func stop() async {
        await sandbox.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}
