import CallScopeKit
import CallScopeStore
import CallScopeText
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// The ICSOC CDR push receiver: `POST` on any path, each push verified, decrypted when needed,
/// mapped and committed to the store before `{"code":0}` is answered. A repeated push upserts the
/// same row (one call, stored once) and is acknowledged again.
public final class PushReceiver: Sendable {
    public struct Settings: Sendable {
        public var account: String
        public var timeZone: TimeZone?
        public var secret: String
        public var host: String
        public var port: Int
        /// How long a connection may take to send a whole request, counted from when it is opened
        /// or its previous answer was sent; then it is closed.
        public var requestTimeout: Duration
        /// Connections held at once; more wait to be accepted.
        public var maximumConnections: Int

        public static let defaultRequestTimeout = Duration.seconds(30)
        public static let defaultMaximumConnections = 1024

        public init(account: String, timeZone: TimeZone? = nil, secret: String, host: String = "127.0.0.1", port: Int = 8787,
                    requestTimeout: Duration = Settings.defaultRequestTimeout, maximumConnections: Int = Settings.defaultMaximumConnections) {
            self.account = account
            self.timeZone = timeZone
            self.secret = secret
            self.host = host
            self.port = port
            self.requestTimeout = requestTimeout
            self.maximumConnections = maximumConnections
        }
    }

    public let settings: Settings
    let store: any CallStoring
    let verifier: PushVerifier
    let committer: Committer
    /// One line per refusal and per odd field of a stored call (never the secret, never the body),
    /// sanitised: paths, ids and values come from the sender.
    let log: @Sendable (String) -> Void

    public init(settings: Settings, store: any CallStoring, log: @escaping @Sendable (String) -> Void) {
        self.settings = settings
        self.store = store
        self.verifier = PushVerifier(secret: settings.secret)
        self.committer = Committer(store: store)
        self.log = { log(Sanitizer.sanitize($0)) }
    }

    /// Handles one request body; the HTTP status and the JSON answer.
    public func handle(method: String, path: String, body: [UInt8]?) async -> (status: Int, body: String) {
        guard method == "POST" else { return refuse(PushRefusal(status: 405, code: 405, message: "only POST is accepted"), path: path) }
        guard let body else { return refuse(.tooLarge, path: path) }
        let raw: JSONValue
        do { raw = try verifier.open(body) } catch { return refuse(error, path: path) }
        let context = MappingContext(account: settings.account, provider: .icsoc, timeZone: settings.timeZone)
        let mapped = ICSOCMapping.mapPush(raw, context: context)
        let record = mapped.record
        guard !record.id.isEmpty else {
            return refuse(.badRequest(1002, "missing field: data.call_id"), path: path)
        }
        guard CallRecord.isAcceptableCallID(record.id) else { return refuse(.unacceptableCallID, path: path) }
        do {
            try await committer.commit(record)
        } catch {
            log("callscope receive: POST \(path): call \(record.id) not stored: \(error)")
            return (500, Self.answer(code: 500, message: "not stored, send again"))
        }
        // A field out of range is stored as null and the push acknowledged (ICSOC would re-send
        // it for hours): the log says which.
        for warning in mapped.warnings { log("callscope receive: \(settings.account): \(warning)") }
        return (200, #"{"code":0}"#)
    }

    private func refuse(_ refusal: PushRefusal, path: String) -> (status: Int, body: String) {
        log("callscope receive: refused POST \(path): \(refusal.status) \(refusal.message)")
        return (refusal.status, Self.answer(code: refusal.code, message: refusal.message))
    }

    static func answer(code: Int, message: String) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("code")
        writer.int(code)
        writer.key("message")
        writer.string(message)
        writer.endObject()
        return writer.text
    }

    func makeApplication(onRunning: @escaping @Sendable (Int) async -> Void, logger: Logger) -> some ApplicationProtocol {
        let responder = CallbackResponder<BasicRequestContext> { [self] request, _ in
            var request = request
            // nil: over the limit, known from Content-Length before any of the body is read, or
            // as soon as a chunked body passes it
            let bytes: [UInt8]?
            if let length = request.headers[.contentLength].flatMap(Int.init), length > PushVerifier.maximumBodyBytes {
                bytes = nil
            } else {
                do {
                    bytes = Array(try await request.collectBody(upTo: PushVerifier.maximumBodyBytes).readableBytesView)
                } catch is NIOTooManyBytesError {
                    bytes = nil
                }
            }
            let (status, text) = await handle(method: request.method.rawValue, path: request.uri.path, body: bytes)
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            // the rest of an oversized body is read and dropped, never kept: the connection ends with the answer
            if bytes == nil { headers[.connection] = "close" }
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        let timeout = TimeAmount(settings.requestTimeout)
        return Application(
            responder: responder,
            server: .http1(configuration: .init(additionalChannelHandlers: [RequestDeadline(timeout: timeout)])),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "callscope-receiver",
                                 availableConnectionsDelegate: MaximumAvailableConnections(settings.maximumConnections, logger: logger)),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }

    /// Serves until `signals` (SIGTERM and SIGINT for the command) or `stop`: the requests in
    /// flight finish (and their calls are committed) before this returns.
    public func run(signals: [UnixSignal] = [.sigterm, .sigint],
                    logger: Logger = Logger(label: "callscope.receiver") { _ in SwiftLogNoOpLogHandler() },
                    onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        let app = makeApplication(onRunning: onRunning, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: signals, logger: logger))
        try await group.run()
    }
}

/// Commits pushed calls in groups: every call waiting when a commit starts rides in the next
/// one, so concurrent pushes share one durable transaction (one fsync) instead of queueing for one each.
actor Committer {
    let store: any CallStoring
    private var pending: [(record: CallRecord, done: CheckedContinuation<Void, any Error>)] = []
    private var flushing = false

    init(store: any CallStoring) {
        self.store = store
    }

    func commit(_ record: CallRecord) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            pending.append((record, done))
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            do {
                try await store.ingestDurably(batch.map(\.record))
                for entry in batch { entry.done.resume() }
            } catch {
                for entry in batch { entry.done.resume(throwing: error) }
            }
        }
        flushing = false
    }
}

/// A receiver started in the background (tests, the load test, `tui --receive`).
public final class RunningReceiver: Sendable {
    public let port: Int
    private let task: Task<Void, any Error>
    private let shutdown: @Sendable () async -> Void

    init(port: Int, task: Task<Void, any Error>, shutdown: @escaping @Sendable () async -> Void) {
        self.port = port
        self.task = task
        self.shutdown = shutdown
    }

    public var url: String { "http://127.0.0.1:\(port)/" }

    /// Graceful: requests in flight are answered first.
    public func stop() async {
        await shutdown()
        _ = try? await task.value
    }
}

extension PushReceiver {
    /// Starts serving in the background; returns once the port is bound.
    public func start(logger: Logger = Logger(label: "callscope.receiver") { _ in SwiftLogNoOpLogHandler() }) async throws -> RunningReceiver {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = makeApplication(onRunning: { continuation.yield($0); continuation.finish() }, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var bound: Int?
        for await port in ports { bound = port }
        guard let port = bound else {
            try await task.value
            throw ReceiverError.notStarted
        }
        return RunningReceiver(port: port, task: task, shutdown: { await group.triggerGracefulShutdown() })
    }
}

public enum ReceiverError: Error {
    case notStarted
}
