import Foundation

/// ICSOC autocall `POST /api/v1/cdr/search` with `searchAfter` cursors, bounds in Asia/Shanghai
/// wall-clock time, behind an OAuth2 password grant on the account host (128 logins a day: the
/// token is cached across runs).
struct ICSOCClient: CallProvider {
    let session: ProviderSession<ICSOCSettings>
    var account: AccountConfig { session.account }
    private var settings: ICSOCSettings { session.settings }

    static let maxPerPage = 100

    init(account: AccountConfig, transport: HTTPTransport, tokenCache: TokenCache?) throws {
        session = try ProviderSession(account: account, settings: account.icsoc, key: "auth_url", transport: transport) { settings in
            switch settings.auth {
            case .token(let token): return .configured(token)
            case .password(let clientID, let clientSecret, let username, let password):
                // ICSOC's user name is `{enterprise}|{agent}`.
                let login = OAuthPasswordLogin(host: settings.authURL, tokenPath: "/oauth2/token", provider: "icsoc",
                                               client: (clientID, clientSecret.reveal), username: username, password: password.reveal,
                                               passwordGrantExtras: [("scope", "openid")], account: account.name)
                return TokenManager(source: login, cache: tokenCache)
            }
        }
    }

    var capabilities: ProviderCapabilities {
        ProviderCapabilities(remoteAnnotations: false, totalCount: false, cursorPagination: true,
                             maxWindowDays: account.maxWindowDays, push: true)
    }

    private func search(_ body: [JSONMember]) async throws -> JSONValue {
        let spec = HTTPRequestSpec(.POST, account.baseURL.appending(rawPath: "/api/v1/cdr/search"), body: .json(.object(body)))
        return try await session.transport.send(spec, auth: session.auth, envelope: .icsoc)
    }

    private func filters(_ query: CallQuery) -> [JSONMember] {
        var filters: [String: String] = [:]
        if let project = settings.projectID { filters["projectId"] = project }
        if let phone = query.phone { filters["called"] = phone }
        if query.disposition == .answered { filters["callresult"] = "2" }
        filters.merge(query.providerFilters) { _, given in given }
        return filters.sorted { $0.key < $1.key }.map { JSONMember($0.key, .string($0.value)) }
    }

    func calls(_ query: CallQuery) -> CallPages {
        let perPage = pageSize(max: Self.maxPerPage)
        let zone = account.timeZone
        let filters = filters(query)
        let fetch = PagedFetch(account: account, plan: WindowPlan(from: query.from, to: query.to, maxDays: account.maxWindowDays),
                               query: query, firstCursor: .page(1)) { window, cursor in
            var body = filters + [
                JSONMember("perPage", .number(String(perPage))),
                JSONMember("startTime", .object([JSONMember("gte", .string(NaiveTimestamp.string(from: window.start, in: zone))),
                                                  JSONMember("lte", .string(NaiveTimestamp.string(from: window.end, in: zone)))])),
            ]
            if case .after(let after) = cursor { body.append(JSONMember("searchAfter", .string(after))) }
            let data = try await search(body)
            let next = data["searchAfter"]?.stringValue
            return RawPage(records: data["results"]?.arrayValue ?? [], total: nil, next: next.map { .after($0) }, pageSize: perPage)
        }
        return fetch.pages
    }

    func call(id: String) async throws -> CallRecord {
        var body = [JSONMember("callId", .string(id)), JSONMember("perPage", .number("1"))]
        if let project = settings.projectID { body.append(JSONMember("projectId", .string(project))) }
        guard let raw = try await search(body)["results"]?.arrayValue?.first else {
            throw CallScopeError.notFound(account: account.name, id: id)
        }
        return map(raw)
    }
}
