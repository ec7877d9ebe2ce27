import AsyncHTTPClient
import Foundation
import NIOCore

/// Downloads recordings to disk, streaming the body straight into `NAME.part` (constant memory)
/// and renaming it to `NAME` once complete. An interrupted download resumes: within a run after a
/// dropped connection (with backoff, as `HTTPTransport` retries), and in a later run from the
/// part left behind, with a `Range` request; a server that ignores `Range` (200) is read from the
/// start again. VBot's recordings get the account's bearer token. The CLI's `download` and the
/// TUI's `d` both use it.
public struct RecordingDownloader: Sendable {
    public let account: String
    /// Made on the first download (see `HTTPTransport`).
    let makeClient: @Sendable () -> HTTPClient
    var client: HTTPClient { makeClient() }
    let credentials: RecordingCredentials?
    let policy: RetryPolicy
    /// The wait for the answer's head; the body may take as long as it needs while bytes keep
    /// coming (the client's read timeout ends a stalled one).
    let headTimeout: TimeAmount
    /// The least time between two progress reports (the last one always comes).
    let reportInterval: Duration

    public init(account: AccountConfig, http: @autoclosure @escaping @Sendable () -> HTTPClient = .callscope, tokenCache: TokenCache?, policy: RetryPolicy = .standard) {
        self.init(account: account.name, http: http(), credentials: RecordingCredentials.make(for: account, http: http(), tokenCache: tokenCache),
                  policy: policy, headTimeoutSeconds: account.timeoutSeconds)
    }

    public init(account: String, http: @autoclosure @escaping @Sendable () -> HTTPClient = .callscope, credentials: RecordingCredentials?, policy: RetryPolicy = .standard,
                headTimeoutSeconds: Double = 30, reportInterval: Duration = .milliseconds(100)) {
        self.account = account
        makeClient = http
        self.credentials = credentials
        self.policy = policy
        headTimeout = .seconds(clamping: headTimeoutSeconds)
        self.reportInterval = reportInterval
    }

    /// Downloads `call`'s recording to `destination`.
    public func download(_ call: CallRecord, to destination: DownloadDestination,
                         progress: @Sendable (DownloadProgress) -> Void = { _ in }) async throws -> SavedRecording {
        guard let text = call.recordingURL, !text.isEmpty else { throw DownloadError.noRecording(account: account, id: call.id) }
        guard let url = WebURL.parse(text) else {
            throw CallScopeError.unsupported(account: account, what: "call \(call.id): \(WebURL.refusal(text) ?? ""): \(text)")
        }
        return try await download(url, to: destination, progress: progress)
    }

    public func download(_ url: URL, to destination: DownloadDestination,
                         progress: @Sendable (DownloadProgress) -> Void = { _ in }) async throws -> SavedRecording {
        try destination.prepare()
        let authorized = credentials?.applies(to: url) == true ? credentials : nil
        var token = try await authorized?.token()
        var refreshed = false
        var attempt = 0
        var meter = ProgressMeter(interval: reportInterval)
        while true {
            attempt += 1
            let failure: CallScopeError
            var retryAfter: Duration?
            switch try await attemptOnce(url, to: destination, token: token, meter: &meter, progress: progress) {
            case .done(let file):
                return file
            case .refused(let words):
                if let authorized, let rejected = token, !refreshed, let renewed = try await authorized.renewed(rejecting: rejected) {
                    (token, refreshed) = (renewed, true)
                    attempt -= 1
                    continue
                }
                throw CallScopeError.auth(account: account, request: summary(url), words: words)
            case .again(let why, let wait):
                (failure, retryAfter) = (why, wait)
            }
            if attempt >= policy.maxAttempts { throw failure }
            try await Task.sleep(for: policy.delay(afterAttempt: attempt, retryAfter: retryAfter))
        }
    }

    private enum Attempt {
        case done(SavedRecording)
        /// 401/403, with the server's words.
        case refused(String)
        /// Worth another try (a resume from the part, or from the start).
        case again(CallScopeError, retryAfter: Duration?)
    }

    private func attemptOnce(_ url: URL, to destination: DownloadDestination, token: String?, meter: inout ProgressMeter,
                             progress: (DownloadProgress) -> Void) async throws -> Attempt {
        let request = summary(url)
        let part = destination.existingPart(for: url)
        let offset = part.flatMap(PartFile.size(at:)) ?? 0
        var http = HTTPClientRequest(url: url.absoluteString)
        http.headers.add(name: "User-Agent", value: "callscope")
        if offset > 0 { http.headers.add(name: "Range", value: "bytes=\(offset)-") }
        if let token { http.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(http, timeout: headTimeout)
        } catch {
            try Task.checkCancellation()
            return .again(.network(account: account, request: request, detail: HTTPTransport.describe(error)), retryAfter: nil)
        }
        let status = Int(response.status.code)
        let contentType = response.headers.first(name: "Content-Type")
        switch status {
        case 200, 206: break
        case 401, 403: return .refused(await Self.words(response, status: status))
        case 404, 410: throw DownloadError.missing(account: account, request: request, status: status, words: await Self.words(response, status: status))
        case 416:
            // Everything may be there already (only the rename was missed); else the part is not
            // this file's beginning: start again.
            guard let part else {
                throw CallScopeError.provider(account: account, request: request, status: status, words: await Self.words(response, status: status))
            }
            if let total = ContentRange(response.headers.first(name: "Content-Range"))?.total, total == offset {
                let final = part.deletingPathExtension()
                try PartFile(url: part, continuing: true).complete(as: final)
                progress(meter.final(received: offset, total: total))
                return .done(SavedRecording(file: final, bytes: offset))
            }
            try Self.remove(part)
            return .again(.provider(account: account, request: request, status: status, words: "the partial file does not fit the recording; starting again"), retryAfter: nil)
        case 429, 500...599:
            let wait = policy.retryAfter(response.headers.first(name: "Retry-After"))
            return .again(.provider(account: account, request: request, status: status, words: await Self.words(response, status: status)), retryAfter: wait)
        default:
            throw CallScopeError.provider(account: account, request: request, status: status, words: await Self.words(response, status: status))
        }
        guard let ext = AudioType.fileExtension(url: url, contentType: contentType) else {
            throw DownloadError.notAudio(account: account, request: request, contentType: AudioType.mediaType(contentType),
                                         words: await Self.words(response, status: status))
        }
        let final = destination.file(extension: ext)
        let partURL = DownloadDestination.part(of: final)
        var total = response.headers.first(name: "Content-Encoding") == nil ? response.headers.first(name: "Content-Length").flatMap { Int64($0) } : nil
        // A 206 continues the part; a 200 (the server ignored `Range`, or there was no part) starts it afresh.
        let continuing = status == 206
        if continuing {
            let range = ContentRange(response.headers.first(name: "Content-Range"))
            guard let part, offset > 0, range?.start == offset else {
                if let part { try Self.remove(part) }
                return .again(.provider(account: account, request: request, status: status, words: "the server sent another part of the file than asked; starting again"), retryAfter: nil)
            }
            total = range?.total ?? total.map { $0.addingSaturated(offset) }
            if part != partURL { try Self.move(part, to: partURL) }
        } else if let part, part != partURL {
            try Self.remove(part)
        }
        let file = try PartFile(url: partURL, continuing: continuing)
        meter.start(at: file.size)
        progress(meter.report(received: file.size, total: total))
        do {
            for try await buffer in response.body {
                try file.append(buffer)
                if let report = meter.reportIfDue(received: file.size, total: total) { progress(report) }
            }
        } catch let error as DownloadError {
            throw error
        } catch {
            try Task.checkCancellation()
            return .again(.network(account: account, request: request, detail: "connection lost after \(file.size) bytes (kept in \(partURL.lastPathComponent)): \(HTTPTransport.describe(error))"), retryAfter: nil)
        }
        if let total, file.size != total {
            return .again(.network(account: account, request: request, detail: "the answer ended at \(file.size) of \(total) bytes (kept in \(partURL.lastPathComponent))"), retryAfter: nil)
        }
        try file.complete(as: final)
        progress(meter.final(received: file.size, total: total ?? file.size))
        return .done(SavedRecording(file: final, bytes: file.size))
    }

    private func summary(_ url: URL) -> String { "GET \(url.path)" }

    /// The start of an answer's body in a message: the server's words, never the whole page.
    private static func words(_ response: HTTPClientResponse, status: Int) async -> String {
        var bytes: [UInt8] = []
        do {
            for try await buffer in response.body {
                bytes += buffer.readableBytesView.prefix(512 - bytes.count)
                if bytes.count >= 512 { break }
            }
        } catch {
            // What arrived is enough for a message; the answer itself is the failure reported.
        }
        return HTTPReply(status: status, headers: [], body: bytes).providerWords
    }

    private static func remove(_ part: URL) throws(DownloadError) {
        guard unlink(part.path) == 0 || errno == ENOENT else { throw DownloadError(FileFailure(path: part.path, step: "cannot remove the file", code: errno)) }
    }

    private static func move(_ part: URL, to target: URL) throws(DownloadError) {
        guard rename(part.path, target.path) == 0 else {
            throw DownloadError(FileFailure(path: target.path, step: "cannot rename \(part.lastPathComponent) to the file", code: errno))
        }
    }
}

/// A recording on disk.
public struct SavedRecording: Sendable, Equatable {
    public var file: URL
    public var bytes: Int64
}

/// Paces progress reports and measures the rate of this run's bytes.
struct ProgressMeter {
    let interval: Duration
    private var began: ContinuousClock.Instant?
    private var firstByte: Int64 = 0
    private var lastReport: ContinuousClock.Instant?

    init(interval: Duration) { self.interval = interval }

    /// The first attempt's start counts for the rate; a resumed part's bytes do not.
    mutating func start(at received: Int64) {
        if began == nil {
            began = .now
            firstByte = received
        }
    }

    mutating func reportIfDue(received: Int64, total: Int64?) -> DownloadProgress? {
        guard let lastReport, ContinuousClock.now - lastReport < interval else { return report(received: received, total: total) }
        return nil
    }

    mutating func report(received: Int64, total: Int64?) -> DownloadProgress {
        lastReport = .now
        let elapsed = began.map { ContinuousClock.now - $0 } ?? .zero
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(max(0, received - firstByte)) / seconds : 0
        return DownloadProgress(received: received, total: total, bytesPerSecond: rate)
    }

    mutating func final(received: Int64, total: Int64) -> DownloadProgress { report(received: received, total: total) }
}
