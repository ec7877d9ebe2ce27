import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
@testable import CallScopeSandbox

/// A fixed "now" so the generated calls are the same on every run.
let testAnchor = Date(timeIntervalSince1970: 1_790_000_000)
let testAnchorEpoch: Int64 = 1_790_000_000

/// Starts a sandbox on an ephemeral loopback port, runs `body` against it, stops it.
func withSandbox<T>(
    calls: Int = 600,
    _ configure: (inout SandboxOptions) -> Void = { _ in },
    _ body: (Sandbox, SandboxEndpoints) async throws -> T
) async throws -> T {
    var options = SandboxOptions()
    options.callsPerProvider = calls
    options.anchor = testAnchor
    options.seed = 42
    configure(&options)
    let sandbox = Sandbox(options: options)
    let endpoints = try await sandbox.start()
    do {
        let result = try await body(sandbox, endpoints)
        await sandbox.stop()
        return result
    } catch {
        await sandbox.stop()
        throw error
    }
}

struct HTTPAnswer {
    let status: Int
    let headers: HTTPHeaders
    let bytes: [UInt8]

    var text: String { String(decoding: bytes, as: UTF8.self) }

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
}

enum HTTP {
    static func get(_ url: String, bearer: String? = nil, headers: [(String, String)] = []) async throws -> HTTPAnswer {
        try await send(url, method: .GET, body: nil, contentType: nil, bearer: bearer, headers: headers)
    }

    static func post(_ url: String, form: [String: String], bearer: String? = nil) async throws -> HTTPAnswer {
        let body = form.map { "\(escape($0.key))=\(escape($0.value))" }.joined(separator: "&")
        return try await send(url, method: .POST, body: body, contentType: "application/x-www-form-urlencoded", bearer: bearer)
    }

    static func post(_ url: String, json: String, bearer: String? = nil) async throws -> HTTPAnswer {
        try await send(url, method: .POST, body: json, contentType: "application/json", bearer: bearer)
    }

    static func send(_ url: String, method: HTTPMethod, body: String?, contentType: String?, bearer: String?,
                     headers: [(String, String)] = []) async throws -> HTTPAnswer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 32 << 20)
        return HTTPAnswer(status: Int(response.status.code), headers: response.headers, bytes: Array(buffer.readableBytesView))
    }

    static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }

    /// `base?k=v&…` with values percent-encoded.
    static func url(_ base: String, _ query: [(String, String)]) -> String {
        query.isEmpty ? base : base + "?" + query.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }
}

/// Polls `condition` every 50 ms until it holds or `timeout` passes.
func eventually(timeout: Duration = .seconds(10), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return false
}

extension Dictionary where Key == String, Value == Any {
    func string(_ key: String) -> String? { self[key] as? String }
    func int(_ key: String) -> Int? { (self[key] as? NSNumber)?.intValue ?? (self[key] as? String).flatMap { Int($0) } }
    func object(_ key: String) -> [String: Any] { self[key] as? [String: Any] ?? [:] }
    func objects(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }
}

/// `yyyy-MM-dd HH:mm:ss` in a fixed offset → epoch seconds, computed with Foundation (not the
/// sandbox's own civil-time code).
func epoch(_ text: String, offsetHours: Int) -> Int64 {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(secondsFromGMT: offsetHours * 3600)
    formatter.dateFormat = text.contains("/") ? "MM/dd/yyyy HH:mm:ss" : "yyyy-MM-dd HH:mm:ss"
    return Int64(formatter.date(from: text)!.timeIntervalSince1970)
}

/// An instant as CareSoft's query wants it: `yyyy-MM-ddTHH:mm:ssZ`.
func utcQueryTime(_ epoch: Int64) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
}
