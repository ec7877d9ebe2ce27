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

    func receiver(secret: String = pushSecret, port: Int = 0) -> PushReceiver {
        PushReceiver(settings: .init(account: account, secret: secret, port: port), store: store,
                     log: { [logs] line in logs.withLock { $0.append(line) } })
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
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
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
    /// A receiver on a fixed port below the ephemeral range (so no other test's port-0 server is
    /// handed it while it is closed), retried while the port is still held.
    func start(secret: String = pushSecret, port: Int? = nil) async throws -> RunningReceiver {
        var lastError: (any Error)?
        for attempt in 0..<100 {
            let candidate = port ?? Int.random(in: 20_000..<30_000)
            do { return try await receiver(secret: secret, port: candidate).start() } catch {
                lastError = error
                if port != nil { try await Task.sleep(for: .milliseconds(50 + attempt)) }
            }
        }
        throw lastError!
    }
}
