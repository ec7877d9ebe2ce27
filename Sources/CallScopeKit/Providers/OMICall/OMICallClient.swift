import Foundation

/// OMICall `…/api/call_transaction/*`: an API key exchanged for a 24-hour token, list windows of
/// at most `max_window_days` (default 3) in epoch milliseconds, `page`/`size` with `has_next`,
/// detail, and notes and tags written back with `change`.
struct OMICallClient: CallProvider {
    let account: AccountConfig
    let transport: HTTPTransport
    let auth: TokenManager

    static let maxPageSize = 100
    static let defaultWindowDays = 3

    init(account: AccountConfig, transport: HTTPTransport, tokenCache: TokenCache?) throws {
        self.account = account
        self.transport = transport
        guard let settings = account.omicall else { throw CallScopeError.configuration(account: account.name, key: "api_key", problem: "is missing") }
        switch settings.auth {
        case .token(let token): auth = TokenManager(source: StaticTokenSource(token: token.reveal), cache: nil)
        case .apiKey(let key):
            auth = TokenManager(source: OMICallLogin(baseURL: account.baseURL, apiKey: key.reveal, account: account.name), cache: tokenCache)
        }
    }

    var capabilities: ProviderCapabilities {
        ProviderCapabilities(remoteAnnotations: true, totalCount: true, cursorPagination: false,
                             maxWindowDays: windowDays, push: false)
    }

    private var windowDays: Int { account.maxWindowDays ?? Self.defaultWindowDays }

    private func url(_ path: String) -> URL { account.baseURL.appending(rawPath: "/api/call_transaction" + path) }

    /// `status_code` 9999 is success; -9999 is refused with the reason in `message`.
    static let envelope = Envelope(succeeded: { $0["status_code"]?.intValue == 9999 }, payload: "payload") { account, request, status, words in
        if words == "date_is_too_long" { return .rangeTooLong(account: account, request: request, words: words) }
        if words.hasPrefix("api_key") { return .auth(account: account, request: request, words: words) }
        return .provider(account: account, request: request, status: status, words: words)
    }

    private func send(_ spec: HTTPRequestSpec) async throws -> JSONValue {
        try await transport.send(spec, auth: auth, envelope: Self.envelope)
    }

    func calls(_ query: CallQuery) -> CallPages {
        let size = pageSize(max: Self.maxPageSize)
        var filters: [(String, String)] = []
        if let phone = query.phone { filters.append(("keyword", phone)) }
        if let agent = query.agent { filters.append(("sip_user", agent)) }
        switch query.direction {
        case .inbound: filters.append(("direction[]", "inbound"))
        case .outbound: filters.append(("direction[]", "outbound"))
        case .internal: filters.append(("direction[]", "local"))
        default: break
        }
        switch query.disposition {
        case .answered: filters.append(("disposition", "answered"))
        case .missed: filters.append(("disposition", "cancelled"))
        default: break
        }
        for (key, value) in query.providerFilters.sorted(by: { $0.key < $1.key }) {
            filters.removeAll { $0.0 == key }
            filters.append((key, value))
        }
        let fetch = PagedFetch(account: account, plan: WindowPlan(from: query.from, to: query.to, maxDays: windowDays),
                               query: query, firstCursor: .page(1)) { [filters] window, cursor in
            guard case .page(let page) = cursor else { return RawPage(records: [], total: nil, next: nil) }
            let range = [("from_date", "\(Int64(window.start.timeIntervalSince1970 * 1000))"),
                         ("to_date", "\(Int64(window.end.timeIntervalSince1970 * 1000))")]
            let payload = try await send(HTTPRequestSpec(.GET, url("/list"), query: range + filters + [("page", "\(page)"), ("size", "\(size)")]))
            let more = payload["has_next"]?.boolValue ?? false
            return RawPage(records: payload["items"]?.arrayValue ?? [], total: payload["total_items"]?.intValue,
                           next: more ? .page(page + 1) : nil, pageSize: size)
        }
        return fetch.pages
    }

    func call(id: String) async throws -> CallRecord {
        map(try await send(HTTPRequestSpec(.GET, url("/detail/" + HTTPRequestSpec.encode(id)))))
    }

    func annotate(id: String, note: String, tags: [String]) async throws -> CallRecord {
        let body: JSONValue = .object([JSONMember("note", .string(note)), JSONMember("tag", .array(tags.map { .string($0) }))])
        return map(try await send(HTTPRequestSpec(.POST, url("/change/" + HTTPRequestSpec.encode(id)), body: .json(body))))
    }
}

extension OMICallClient: ProviderReporting {
    /// `report` with the range in epoch milliseconds, as the list takes it; it has no window limit.
    func providerReport(_ range: TimeRange) async throws -> JSONValue {
        let query = [("from_date", "\(Int64(range.from.timeIntervalSince1970 * 1000))"), ("to_date", "\(Int64(range.to.timeIntervalSince1970 * 1000))")]
        return try await send(HTTPRequestSpec(.GET, url("/report"), query: query))
    }
}

/// `GET {base}/api/auth?apiKey=` → a token that lasts 24 hours (the answer does not say).
struct OMICallLogin: TokenSource {
    let baseURL: URL
    let apiKey: String
    let account: String

    var cacheKey: String { "omicall|\(baseURL.absoluteString)|\(JSONValue.string(apiKey).stableHashHex)" }
    var renewable: Bool { true }

    func obtain(refreshToken: String?, transport: HTTPTransport) async throws -> IssuedToken {
        let spec = HTTPRequestSpec(.GET, baseURL.appending(rawPath: "/api/auth"), query: [("apiKey", apiKey)], authenticated: false)
        return try await transport.send(spec) { reply throws(AnswerProblem) in
            let payload = try OMICallClient.envelope.open(reply, account: account, request: spec.summary)
            guard let token = payload["access_token"]?.stringValue else { throw .malformed("no access_token in the login answer") }
            return IssuedToken(accessToken: token, expiresAt: Date().addingTimeInterval(24 * 3600 - 300))
        }
    }
}
