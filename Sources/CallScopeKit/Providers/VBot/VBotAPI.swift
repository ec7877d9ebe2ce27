import Foundation

/// What both VBot APIs share: the OAuth-style login with refresh, the `{error, message, data}`
/// envelope, the account's `vbot_id`/`project_code`, and counted paging: `page`/`size` with
/// `size` silently cut to 100, so the end is `countAll` or an empty page, never a short one.
struct VBotAPI: Sendable {
    let session: ProviderSession<VBotSettings>
    var account: AccountConfig { session.account }
    var settings: VBotSettings { session.settings }

    static let maxPageSize = 100

    init(account: AccountConfig, transport: HTTPTransport, tokenCache: TokenCache?) throws {
        session = try ProviderSession(account: account, settings: account.vbot, key: "vbot_id", transport: transport) { settings in
            Self.tokenManager(account: account, settings: settings, tokenCache: tokenCache)
        }
    }

    /// The account's bearer token: the configured one, or VBot's login (cached across runs).
    static func tokenManager(account: AccountConfig, settings: VBotSettings, tokenCache: TokenCache?) -> TokenManager {
        switch settings.auth {
        case .token(let token): .configured(token)
        case .password(let username, let password):
            TokenManager(source: OAuthPasswordLogin(host: account.baseURL, tokenPath: "/token", provider: "vbot",
                                                    username: username, password: password.reveal, account: account.name),
                         cache: tokenCache)
        }
    }

    var ids: [(String, String)] { [("vbot_id", settings.vbotID), ("project_code", settings.projectCode)] }

    /// `data` of an `error: 0` answer.
    func get(_ path: String, _ query: [(String, String)]) async throws -> JSONValue {
        let spec = HTTPRequestSpec(.GET, account.baseURL.appending(rawPath: path), query: query)
        return try await session.transport.send(spec, auth: session.auth, envelope: .vbot)
    }

    /// The calls of `query` from a list and a count endpoint taking the same filters, each
    /// window's range given by `range`.
    func calls(_ query: CallQuery, list: String, count: String, filters: [(String, String)],
               range: @escaping @Sendable (DateInterval) -> [(String, String)]) -> CallPages {
        let size = min(Self.maxPageSize, account.pageSize)
        let fetch = PagedFetch(account: account, plan: WindowPlan(from: query.from, to: query.to, maxDays: account.maxWindowDays),
                               query: query, firstCursor: .page(1)) { window, cursor in
            guard case .page(let page) = cursor else { return RawPage(records: [], total: nil, next: nil) }
            let base = ids + range(window) + filters
            // The count comes with the first page: it is what tells the last page.
            async let total = page == 1 ? get(count, base).intValue : nil
            let records = try await get(list, base + [("page", "\(page)"), ("size", "\(size)")]).arrayValue ?? []
            let known = try await total
            let more = !records.isEmpty && (known.map { page * size < $0 } ?? true)
            return RawPage(records: records, total: known, next: more ? .page(page + 1) : nil, pageSize: size)
        }
        return fetch.pages
    }

    static func epochRange(_ window: DateInterval, from: String, to: String) -> [(String, String)] {
        [(from, "\(Int64(window.start.timeIntervalSince1970))"), (to, "\(Int64(window.end.timeIntervalSince1970))")]
    }
}
