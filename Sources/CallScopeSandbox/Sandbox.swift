import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// Simulators of the five provider APIs on one HTTP server, each under its own path prefix:
/// `/caresoft`, `/omicall`, `/vbot` (campaign and CRM), `/icsoc` and `/icsoc-account`.
public final class Sandbox: Sendable {
    public let options: SandboxOptions
    private let faultController: FaultController
    private let address = PublicAddress()
    private let requestLog = RequestLog()
    let icsoc: ICSOCSimulator
    let caresoft: CareSoftSimulator
    let omicall: OMICallSimulator
    let vbot: VBotSimulators
    let recordings: RecordingServer
    private var simulators: [any Simulator] { [caresoft, omicall, vbot, icsoc] }
    private let running = Mutex<(task: Task<Void, any Error>?, port: Int?)>((nil, nil))

    public init(options: SandboxOptions) {
        self.options = options
        faultController = FaultController(spec: options.faults, seed: options.seed)
        recordings = RecordingServer(faults: faultController, secondsLimit: options.recordingSecondsLimit)
        let env = SimulatorEnvironment(options: options, faults: faultController, agents: Staff.agents(seed: options.seed),
                                       address: address, recordings: recordings)
        let gate = VBotGate(env: env)
        caresoft = CareSoftSimulator(env: env)
        omicall = OMICallSimulator(env: env)
        vbot = VBotSimulators(gate: gate)
        icsoc = ICSOCSimulator(env: env)
    }

    /// The faults in force; they can be changed while the sandbox runs.
    public var faults: FaultSpec {
        get { faultController.spec }
        set { faultController.spec = newValue }
    }

    /// The bound port, once started.
    public var port: Int? { running.withLock { $0.port } }

    public var endpoints: SandboxEndpoints? { port.map { SandboxEndpoints(host: options.host, port: $0) } }

    func makeApplication(onRunning: @escaping @Sendable (Int) async -> Void, logger: Logger) -> some ApplicationProtocol {
        let router = SandboxRouter(context: SandboxContext.self)
        router.add(middleware: RequestLogMiddleware(log: requestLog))
        router.add(middleware: FaultMiddleware(faults: faultController))
        for simulator in simulators { simulator.register(on: router) }
        let host = options.host
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: options.port), serverName: "callscope-sandbox"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                await onRunning(port)
            },
            logger: logger
        )
    }

    /// Starts serving in the background and returns once the port is bound.
    @discardableResult
    public func start(logger: Logger = Logger(label: "callscope.sandbox", factory: { _ in SwiftLogNoOpLogHandler() })) async throws -> SandboxEndpoints {
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = makeApplication(onRunning: { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }, logger: logger)
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var bound: Int?
        for await port in portStream { bound = port }
        guard let port = bound else {
            try await task.value
            throw SandboxError.notStarted
        }
        address.set(host: options.host, port: port)
        running.withLock { $0 = (task, port) }
        return SandboxEndpoints(host: options.host, port: port)
    }

    /// Serves in the foreground until SIGINT or SIGTERM (the `callscope sandbox` command).
    public func serve(logger: Logger, onRunning: @escaping @Sendable (SandboxEndpoints) async -> Void) async throws {
        let host = options.host
        let app = makeApplication(onRunning: { [self] port in
            address.set(host: host, port: port)
            running.withLock { $0.port = port }
            await onRunning(SandboxEndpoints(host: host, port: port))
        }, logger: logger)
        try await app.runService()
    }

    public func stop() async {
        let task = running.withLock { state in
            defer { state = (nil, nil) }
            return state.task
        }
        task?.cancel()
        _ = try? await task?.value
    }

    // MARK: Test and demo hooks

    /// ICSOC token requests made by `username` in the last 24 hours (the provider allows 128).
    public func icsocTokenRequests(username: String) -> Int { icsoc.tokenRequestCount(username: username) }

    /// Logins answered so far by a provider's token endpoint (`omicall`, `vbot`, `icsoc`).
    public func loginCount(_ provider: String) -> Int {
        switch provider {
        case "omicall": omicall.tokens.issuedCount
        case "vbot": vbot.gate.tokens.issuedCount
        case "icsoc": icsoc.tokens.issuedCount
        default: 0
        }
    }

    /// OMICall change requests (notes and tags) the simulator received for a call, not counting
    /// those an injected fault answered before they reached it.
    public func omicallChangeRequests(id: String) -> Int { omicall.changeRequests.withLock { $0[id] ?? 0 } }

    /// The recording requests answered so far, oldest first.
    public var recordingRequests: [RecordingRequest] { recordings.requests }

    /// Requests received so far whose path contains `fragment` (e.g. `/api/v1/calls`), faults included.
    public func requests(containing fragment: String) -> Int { requestLog.count(containing: fragment) }

    /// CareSoft requests refused with a 429 so far.
    public var caresoftRefusals: Int { caresoft.limiter.refusals }

    /// The CDR pushes of the newest `count` ICSOC calls (the same calls the search returns).
    public func icsocPushes(count: Int, encrypt: Bool, offset: Int = 0) throws -> [ICSOCPush] {
        let now = Int64(Date().timeIntervalSince1970)
        return try (offset..<min(offset + count, icsoc.stream.count)).map { index in
            try ICSOCPush.make(icsoc.stream.icsocCall(index, projectID: options.credentials.icsocProjectID),
                               secret: options.credentials.icsocPushSecret, encrypt: encrypt, timestamp: now,
                               recordingURL: icsoc.recordingURL(callID:))
        }
    }
}

/// Both VBot APIs share one host and one login.
struct VBotSimulators: Simulator {
    let gate: VBotGate
    let campaign: VBotCampaignSimulator
    let crm: VBotCRMSimulator

    init(gate: VBotGate) {
        self.gate = gate
        campaign = VBotCampaignSimulator(gate: gate)
        crm = VBotCRMSimulator(gate: gate)
    }

    func register(on router: SandboxRouter) {
        gate.register(on: router)
        campaign.register(on: router)
        crm.register(on: router)
    }
}

/// Where each simulator listens.
public struct SandboxEndpoints: Sendable, Equatable {
    public let host: String
    public let port: Int

    public var root: String { "http://\(host):\(port)" }
    public var caresoft: String { root + "/caresoft" }
    public var omicall: String { root + "/omicall" }
    public var vbot: String { root + "/vbot" }
    public var icsoc: String { root + "/icsoc" }
    public var icsocAccount: String { root + "/icsoc-account" }
}
