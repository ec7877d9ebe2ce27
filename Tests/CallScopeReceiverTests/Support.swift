import AsyncHTTPClient
import CallScopeKit
import CallScopeStore
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
@testable import CallScopeReceiver
@testable import CallScopeSandbox

let pushSecret = "sandbox-push-secret"
let account = "ic"

/// A fresh store in a temporary folder, the sandbox (the sender of pushes), and a place for the
/// receiver's log lines.
final class ReceiverBench: Sendable {
    let folder: URL
    let store: CallStore
    let sandbox: Sandbox
    let logs = Locked<[String]>([])

    init(calls: Int = 400) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-recv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try CallStore(dataDirectory: folder)
        var options = SandboxOptions()
        options.callsPerProvider = calls
        options.anchor = Date(timeIntervalSince1970: 1_790_000_000)
        options.seed = 42
        sandbox = Sandbox(options: options)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func receiver(secret: String = pushSecret, port: Int = 0, requestTimeout: Duration = PushReceiver.Settings.defaultRequestTimeout,
                  maximumConnections: Int = PushReceiver.Settings.defaultMaximumConnections) -> PushReceiver {
        PushReceiver(settings: .init(account: account, secret: secret, port: port, requestTimeout: requestTimeout, maximumConnections: maximumConnections),
                     store: store, log: { [logs] line in logs.withLock { $0.append(line) } })
    }

    func pushes(_ count: Int, encrypt: Bool, offset: Int = 0) throws -> [ICSOCPush] {
        try sandbox.icsocPushes(count: count, encrypt: encrypt, offset: offset)
    }

    func storedCount() async throws -> Int {
        try await store.count(StoreQuery(account: account, includeRaw: false))
    }

    func stored(_ id: String) async throws -> CallRecord? {
        try await store.call(account: account, id: id)
    }
}

/// One POST of raw bytes; the status and the answer's text.
func post(_ body: [UInt8], to url: String, method: HTTPMethod = .POST) async throws -> (status: Int, text: String) {
    var request = HTTPClientRequest(url: url)
    request.method = method
    request.headers.add(name: "Content-Type", value: "application/json")
    if method == .POST { request.body = .bytes(ByteBuffer(bytes: body)) }
    // A bound against a hang, not a measure: the whole suite on a 2-core machine once took over
    // 10 s to answer one of these (CI, 2026-12-05).
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
    let answer = try await response.body.collect(upTo: 1 << 16)
    return (Int(response.status.code), String(buffer: answer))
}

func post(_ text: String, to url: String) async throws -> (status: Int, text: String) {
    try await post(Array(text.utf8), to: url)
}

/// The `code` of an answer, nil when it is not JSON with a numeric code.
func code(_ text: String) -> Int? {
    (try? JSONParser.parse(text))?["code"]?.intValue
}

/// A value shared by concurrent senders in a test.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    func withLock<R>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
}

extension ReceiverBench {
    /// A receiver on the port the kernel picks, or, to restart one, on `port` again: retried
    /// while the port is still held by the one that just stopped.
    func start(secret: String = pushSecret, port: Int? = nil) async throws -> RunningReceiver {
        guard let port else { return try await receiver(secret: secret).start() }
        var lastError: (any Error)?
        for attempt in 0..<100 {
            do { return try await receiver(secret: secret, port: port).start() } catch {
                lastError = error
                try await Task.sleep(for: .milliseconds(50 + attempt))
            }
        }
        throw lastError!
    }
}

/// A port the kernel picked, held by a listener that takes each connection and closes it at once:
/// every push sent there fails, and `connections` counts the attempts.
final class ClosingListener: Sendable {
    let port: Int
    private let socket: Int32
    private let accepted = Locked(0)
    private let done = DispatchSemaphore(value: 0)

    init() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.socket = socket
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && listen(socket, 64) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot listen: \(errno)"]) }
        port = Int(UInt16(bigEndian: address.sin_port))
        let (accepted, done) = (accepted, done)
        Thread {
            while true {
                let connection = accept(socket, nil, nil)
                if connection < 0 { if errno == EINTR { continue } else { break } }
                accepted.withLock { $0 += 1 }
                Glibc.close(connection)
            }
            done.signal()
        }.start()
    }

    var connections: Int { accepted.withLock { $0 } }

    /// Stops listening and frees the port.
    func close() {
        shutdown(socket, Int32(SHUT_RDWR))
        done.wait()
        Glibc.close(socket)
    }
}
