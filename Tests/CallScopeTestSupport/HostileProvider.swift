import CallScopeKit
import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A provider that is wrong on purpose, for the tests of what callscope does with hostile answers
/// (the sandbox is the happy path). One server answers the list endpoints of all five APIs, each
/// under its own path, in one `Mode`; accounts of `config()` use static tokens, so there is no login.
public final class HostileProvider: Sendable {
    public enum Mode: Sendable {
        /// Every list request gets the same page of two calls and "there is more": CareSoft without
        /// `numFound`, VBot without `countAll`, OMICall with `has_next` stuck, ICSOC giving its
        /// `searchAfter` back.
        case repeatedPage
        /// ICSOC: new calls on every page, but always the same `searchAfter`.
        case repeatedCursor
        /// Two pages of calls, then an empty one (an honest provider but for its count, `total`,
        /// where it gives one); `from` on each call is `phone`.
        case twoPages(phone: String, total: String = "4")
        /// One page: a call whose numbers are out of range (`HostileRecords.outOfRange`), then the end.
        case outOfRange
        /// One page: calls whose ids are `ids`, then the end.
        case ids([String])
        /// Every answer is a body of `bytes` bytes, with or without a `Content-Length`.
        case oversized(bytes: Int, declared: Bool)
        /// The first request is answered 429 with this `Retry-After`, the rest with an empty page.
        case retryAfter(String)
        /// Every answer is an HTTP 400 whose message is `words`.
        case refusal(words: String)
        /// One page of `calls` calls, whatever page size was asked for, then the end.
        case crowdedPage(calls: Int)
    }

    public let mode: Mode
    /// The start of every call served.
    public let callStart: Date
    private let running = Mutex<(task: Task<Void, any Error>?, port: Int)>((nil, 0))
    private let requestCount = Mutex(0)
    /// Past this many requests the provider answers an empty page, so a client that would loop
    /// forever ends (and its test fails on what it got) instead of hanging.
    public static let requestLimit = 40

    public init(mode: Mode, callStart: Date) {
        self.mode = mode
        self.callStart = callStart
    }

    public var url: String { "http://127.0.0.1:\(running.withLock(\.port))" }

    /// Requests answered so far.
    public var requests: Int { requestCount.withLock { $0 } }

    /// Starts on a kernel-picked loopback port; returns once it is bound.
    public func start() async throws {
        let (ports, bound) = AsyncStream.makeStream(of: Int.self)
        let responder = CallbackResponder<BasicRequestContext> { [self] request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            return answer(path: request.uri.path, page: request.uri.queryParameters.get("page"), body: Array(body.readableBytesView))
        }
        let app = Application(responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { bound.yield($0.localAddress?.port ?? 0); bound.finish() },
                              logger: Logger(label: "hostile-provider") { _ in SwiftLogNoOpLogHandler() })
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var port: Int?
        for await value in ports { port = value }
        guard let port else {
            try await task.value
            throw HostileProviderError.notStarted
        }
        running.withLock { $0 = (task, port) }
    }

    public func stop() async {
        let task = running.withLock { $0.task }
        task?.cancel()
        _ = try? await task?.value
    }

    /// The five accounts (`cs`, `omi`, `vb-camp`, `vb-crm`, `ic`), pages of two calls, UTC clocks.
    public func config() -> String {
        let common = "base_url = \"\(url)\"\ntimezone = \"UTC\"\npage_size = 2\ntoken = \"t\""
        return """
            [[account]]
            name = "cs"
            provider = "caresoft"
            domain = "d"
            \(common)

            [[account]]
            name = "omi"
            provider = "omicall"
            \(common)

            [[account]]
            name = "vb-camp"
            provider = "vbot-campaign"
            vbot_id = "v"
            project_code = "p"
            bot_id = "b"
            \(common)

            [[account]]
            name = "vb-crm"
            provider = "vbot-crm"
            vbot_id = "v"
            project_code = "p"
            \(common)

            [[account]]
            name = "ic"
            provider = "icsoc"
            auth_url = "\(url)"
            \(common)

            """
    }

    /// The account of `provider` in `config()`, as a user would load it.
    public func account(_ provider: ProviderKind) throws -> AccountConfig {
        guard let account = try ConfigLoader.parse(config(), environment: [:]).config.accounts.first(where: { $0.provider == provider }) else {
            throw HostileProviderError.noAccount(provider)
        }
        return account
    }

    // MARK: answers

    private func answer(path: String, page pageParameter: String?, body: [UInt8]) -> Response {
        let count = requestCount.withLock { count in
            count += 1
            return count
        }
        guard let provider = Self.provider(path: path) else { return Response(status: .notFound) }
        if count > Self.requestLimit { return page(provider, records: [], more: false, pageNumber: 1) }
        let number = provider == .icsoc ? Self.icsocPage(body) : Int(pageParameter ?? "1") ?? 1
        let isCount = path.hasSuffix("/countAll")
        switch mode {
        case .repeatedPage:
            if isCount { return envelope(provider, payload: .null) }
            return page(provider, records: calls(provider, ids: ["r1", "r2"]), more: true, pageNumber: 1)
        case .repeatedCursor:
            return page(provider, records: calls(provider, ids: ["p\(number)a", "p\(number)b"]), more: true, pageNumber: 1)
        case .twoPages(let phone, let total):
            if isCount { return envelope(provider, payload: .number(total)) }
            let records = number <= 2 ? calls(provider, ids: ["p\(number)a", "p\(number)b"], from: phone) : []
            return page(provider, records: records, more: number < 2, pageNumber: number, total: .number(total))
        case .outOfRange:
            if isCount { return envelope(provider, payload: .number("1")) }
            return page(provider, records: number == 1 ? [HostileRecords.outOfRange(provider, id: "bad-numbers", start: callStart)] : [],
                        more: false, pageNumber: number)
        case .ids(let ids):
            if isCount { return envelope(provider, payload: .number(String(ids.count))) }
            return page(provider, records: number == 1 ? calls(provider, ids: ids) : [], more: false, pageNumber: number)
        case .oversized(let bytes, let declared):
            return Self.oversized(bytes: bytes, declared: declared)
        case .retryAfter(let value):
            if count == 1 {
                var headers: HTTPFields = [.contentType: "application/json"]
                if let name = HTTPFields.Element.Name("Retry-After") { headers[name] = value }
                return Response(status: .tooManyRequests, headers: headers, body: .init(byteBuffer: ByteBuffer(string: #"{"message":"slow down"}"#)))
            }
            if isCount { return envelope(provider, payload: .number("0")) }
            return page(provider, records: [], more: false, pageNumber: number)
        case .crowdedPage(let count):
            if isCount { return envelope(provider, payload: .number(String(count))) }
            return page(provider, records: number == 1 ? calls(provider, ids: (0..<count).map { "crowd-\($0)" }) : [], more: false, pageNumber: number)
        case .refusal(let words):
            let json: JSONValue = ["code": "ERROR", "status_code": -9999, "error": 1, "message": .string(words)]
            return Response(status: .badRequest, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: json.serialized())))
        }
    }

    private func calls(_ provider: ProviderKind, ids: [String], from phone: String = "0901000001") -> [JSONValue] {
        ids.map { HostileRecords.plain(provider, id: $0, start: callStart, from: phone) }
    }

    /// A list answer in the provider's own shape; `more` is its "there is another page".
    /// Without `total`, CareSoft's and OMICall's answers have no count (CareSoft's end is then an empty page).
    private func page(_ provider: ProviderKind, records: [JSONValue], more: Bool, pageNumber: Int, total: JSONValue = .null) -> Response {
        switch provider {
        case .caresoft:
            return json(["code": "ok", "calls": .array(records), "numFound": total])
        case .omicall:
            return envelope(provider, payload: ["items": .array(records), "has_next": .bool(more), "total_items": total])
        case .vbotCampaign, .vbotCRM:
            return envelope(provider, payload: .array(records))
        case .icsoc:
            var data: [JSONMember] = [JSONMember("results", .array(records))]
            if more || !records.isEmpty {
                let after = if case .repeatedPage = mode { "same" } else if case .repeatedCursor = mode { "same" } else { "page\(pageNumber + 1)" }
                data.append(JSONMember("searchAfter", .string(after)))
            }
            return envelope(provider, payload: .object(data))
        }
    }

    private func envelope(_ provider: ProviderKind, payload: JSONValue) -> Response {
        switch provider {
        case .omicall: json(["status_code": 9999, "payload": payload])
        case .vbotCampaign, .vbotCRM: json(["error": 0, "data": payload])
        case .icsoc: json(["code": 0, "data": payload])
        case .caresoft: json(payload)
        }
    }

    private func json(_ value: JSONValue) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: value.serialized())))
    }

    /// `bytes` of a JSON array of empty objects, written as it goes (never whole in memory). The
    /// writer never throws: once the client hangs up, it stops.
    private static func oversized(bytes: Int, declared: Bool) -> Response {
        let piece = ByteBuffer(repeating: UInt8(ascii: " "), count: 64 * 1024)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(contentLength: declared ? bytes : nil) { writer in
            var sent = 0
            do {
                try await writer.write(ByteBuffer(string: "["))
                sent = 1
                while sent < bytes - 1 {
                    let size = min(piece.readableBytes, bytes - 1 - sent)
                    try await writer.write(piece.getSlice(at: 0, length: size) ?? piece)
                    sent += size
                }
                try await writer.write(ByteBuffer(string: "]"))
                try await writer.finish(nil)
            } catch {
                return
            }
        })
    }

    static func provider(path: String) -> ProviderKind? {
        if path.hasSuffix("/api/v1/calls") { return .caresoft }
        if path.hasSuffix("/api/call_transaction/list") { return .omicall }
        if path.contains("/api/campaignCall/cdr/") { return .vbotCampaign }
        if path.contains("/api/crm/historycall/") { return .vbotCRM }
        if path.hasSuffix("/api/v1/cdr/search") { return .icsoc }
        return nil
    }

    /// ICSOC's page: 1 without `searchAfter`, N for `pageN`.
    static func icsocPage(_ body: [UInt8]) -> Int {
        guard let after = (try? JSONParser.parse(body))?["searchAfter"]?.stringValue else { return 1 }
        return Int(after.dropFirst("page".count)) ?? 2
    }
}

public enum HostileProviderError: Error {
    case notStarted
    case noAccount(ProviderKind)
}
