import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A provider's answer as received.
public struct HTTPReply: Sendable {
    public let status: Int
    public let headers: [(String, String)]
    public let body: [UInt8]

    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }

    /// The body as JSON, or nil when it is not JSON.
    public var json: JSONValue? { try? JSONParser.parse(body) }

    /// The provider's own words for an error: the usual message fields of its JSON, else the
    /// start of the body's text (an HTML proxy page, say), else the status.
    public var providerWords: String {
        if let json {
            for key in ["message", "Message", "error_description", "error", "msg"] {
                if let words = json[key]?.stringValue, !words.isEmpty { return words }
            }
        }
        let text = String(decoding: body.prefix(160), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "HTTP \(status)" : text
    }
}

/// Why a provider client could not use an answer it got.
public enum AnswerProblem: Error, Sendable {
    /// The JSON is broken or truncated: worth another try.
    case malformed(String)
    /// A definite failure; do not retry.
    case final(CallScopeError)
}

/// Sends requests for one account: the rate limit, the bearer token, timeouts, and retries with
/// backoff on 429, 5xx, dropped connections and unreadable answers (honouring `Retry-After`). A
/// 401 refreshes the token once and tries again. Cancelling the calling task stops the request.
public struct HTTPTransport: Sendable {
    /// The largest answer read: a bigger one is refused as it streams in (a provider's page is
    /// at most a few MiB; anything near this is broken or hostile, and parsed whole it would take
    /// several times its size in memory).
    public static let maximumAnswerBytes = 64 << 20

    let account: String
    /// The client, made on the first request: an offline run never starts its event loops.
    let makeClient: @Sendable () -> HTTPClient
    var client: HTTPClient { makeClient() }
    let limiter: SlidingWindowRateLimiter?
    let policy: RetryPolicy
    let timeout: TimeAmount

    public init(account: String, client: @autoclosure @escaping @Sendable () -> HTTPClient = .callscope, requestsPerSecond: Double? = nil,
                policy: RetryPolicy = .standard, timeoutSeconds: Double = 30) {
        self.account = account
        makeClient = client
        self.limiter = requestsPerSecond.map(SlidingWindowRateLimiter.init(requestsPerSecond:))
        self.policy = policy
        self.timeout = .seconds(clamping: timeoutSeconds)
    }

    public func send<T>(_ spec: HTTPRequestSpec, auth: TokenManager? = nil,
                        decode: (HTTPReply) throws(AnswerProblem) -> T) async throws -> T {
        var refreshed = false
        var attempt = 0
        var token = spec.authenticated ? try await auth?.token(using: self) : nil
        while true {
            attempt += 1
            let lastTry = attempt >= policy.maxAttempts
            var retryAfter: Duration?
            let failure: CallScopeError
            do {
                let reply = try await once(spec, token: token)
                switch reply.status {
                case 401 where spec.authenticated && auth?.renewable == true && !refreshed:
                    refreshed = true
                    token = try await auth!.refresh(rejected: token, using: self)
                    attempt -= 1
                    continue
                case 401 where spec.authenticated, 403 where spec.authenticated:
                    throw CallScopeError.auth(account: account, request: spec.summary, words: reply.providerWords)
                case 429:
                    retryAfter = policy.retryAfter(reply.header("Retry-After"))
                    failure = .rateLimited(account: account, request: spec.summary, words: reply.providerWords)
                case 500...599:
                    failure = .provider(account: account, request: spec.summary, status: reply.status, words: reply.providerWords)
                default:
                    do {
                        return try decode(reply)
                    } catch {
                        switch error {
                        case .final(let definite): throw definite
                        case .malformed(let detail): failure = .decoding(account: account, request: spec.summary, detail: detail)
                        }
                    }
                }
            } catch let error as CallScopeError {
                throw error
            } catch {
                if Task.isCancelled { throw CancellationError() }
                failure = .network(account: account, request: spec.summary, detail: Self.describe(error))
            }
            if lastTry { throw failure }
            try await Task.sleep(for: policy.delay(afterAttempt: attempt, retryAfter: retryAfter))
        }
    }

    /// One attempt, after the rate limiter lets it go.
    private func once(_ spec: HTTPRequestSpec, token: String?) async throws -> HTTPReply {
        try await limiter?.acquire()
        var request = HTTPClientRequest(url: spec.fullURL)
        request.method = spec.method == .GET ? .GET : .POST
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "callscope")
        for (name, value) in spec.headers { request.headers.add(name: name, value: value) }
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let (contentType, bytes) = spec.bodyBytes {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: bytes))
        }
        let response = try await client.execute(request, timeout: timeout)
        var body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: Self.maximumAnswerBytes)
        } catch is NIOTooManyBytesError {
            throw CallScopeError.answerTooLarge(account: account, request: spec.summary, limitBytes: Self.maximumAnswerBytes)
        }
        let bytes = body.readBytes(length: body.readableBytes) ?? []
        return HTTPReply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: bytes)
    }

    static func describe(_ error: any Error) -> String {
        if let client = error as? HTTPClientError { return "\(client)" }
        return String(describing: error)
    }
}

extension HTTPReply {
    /// The body as JSON, or `.malformed` saying where it broke.
    public func parsedJSON() throws(AnswerProblem) -> JSONValue {
        do {
            return try JSONParser.parse(body)
        } catch {
            throw .malformed("\(error) (HTTP \(status), \(body.count) bytes)")
        }
    }
}
