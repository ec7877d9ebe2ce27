import ArgumentParser
import CallScopeSandbox
import Foundation
import Logging

struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve simulators of all five provider APIs on 127.0.0.1 and print a config that uses them.",
        discussion: """
        The config goes to stdout (so `callscope sandbox > config.toml` saves it); logs go to stderr.
        Faults: latency=200ms,error=0.05,throttle=0.02,malformed=0.01,truncate=0.01,drop=0.01,expire=30s|0.05,only=/omicall
        """
    )

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8700

    @Option(help: "Calls generated per provider.")
    var calls = 2000

    @Option(help: "Seed of the generated data.")
    var seed: UInt64 = 1

    @Option(help: "Faults to inject, e.g. latency=200ms,error=0.05.")
    var faults = ""

    @Option(help: "OMICall's longest list range in days (3 on older accounts, 30 on newer).")
    var omicallWindowDays = 3

    @Option(help: "Multiplies the long provider clocks (CareSoft lock-out, ICSOC push retries).")
    var clockScale = 1.0

    @Option(help: "Push the newest ICSOC calls as CDR pushes to this receiver URL.")
    var pushTo: String?

    @Option(help: "How many CDR pushes to send with --push-to.")
    var pushCount = 10

    @Flag(help: "Encrypt the CDR pushes (AES-256-CFB with the push secret).")
    var pushEncrypted = false

    @Flag(help: "Log every request to stderr.")
    var verbose = false

    func run() async throws {
        var options = SandboxOptions()
        options.port = port
        options.callsPerProvider = calls
        options.seed = seed
        options.omicallMaxWindowDays = omicallWindowDays
        options.clockScale = clockScale
        do {
            options.faults = try FaultSpec.parse(faults)
        } catch {
            throw ValidationError(error.description)
        }
        guard calls > 0 else { throw ValidationError("--calls must be at least 1") }
        var logger = Logger(label: "callscope.sandbox") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .warning
        let sandbox = Sandbox(options: options)
        let configured = options
        let pushes = try pushTo.map { _ in try sandbox.icsocPushes(count: pushCount, encrypt: pushEncrypted) }
        try await sandbox.serve(logger: logger) { endpoints in
            FileHandle.standardOutput.write(Data(SandboxConfig.toml(endpoints: endpoints, options: configured).utf8))
            if let url = pushTo, let pushes {
                Task { await Self.deliver(pushes, to: url, clockScale: clockScale) }
            }
        }
    }

    private static func deliver(_ pushes: [ICSOCPush], to url: String, clockScale: Double) async {
        let emitter = ICSOCPushEmitter(clockScale: clockScale)
        await withTaskGroup(of: ICSOCPushEmitter.Delivery.self) { group in
            for push in pushes { group.addTask { await emitter.deliver(push, to: url) } }
            for await delivery in group {
                let outcome = delivery.delivered ? "delivered" : "gave up: \(delivery.lastFailure ?? "")"
                Stderr.line("push \(delivery.callID): \(outcome) after \(delivery.attempts) attempt(s)")
            }
        }
    }
}
