import Foundation

/// CareSoft `GET {base}/{domain}/api/v1/calls`: a static Bearer token, windows of at most 31 days
/// (the server silently narrows a longer range, so both bounds are always sent), `page`/`count`
/// ≤ 500 with `numFound`, and 15 requests in any sliding second (the transport's limiter).
struct CareSoftClient: CallProvider {
    let account: AccountConfig
    let transport: HTTPTransport
    let auth: TokenManager
    let callsURL: URL

    static let maxCount = 500
    static let maxWindowDays = 31

    init(account: AccountConfig, transport: HTTPTransport) throws {
        self.account = account
        self.transport = transport
        guard let settings = account.caresoft else { throw CallScopeError.configuration(account: account.name, key: "domain", problem: "is missing") }
        auth = TokenManager(source: StaticTokenSource(token: settings.token.reveal), cache: nil)
        callsURL = account.baseURL.appending(rawPath: "/\(settings.domain)/api/v1/calls")
    }

    var capabilities: ProviderCapabilities {
        ProviderCapabilities(remoteAnnotations: false, totalCount: true, cursorPagination: false,
                             maxWindowDays: windowDays, push: false)
    }

    private var windowDays: Int { min(Self.maxWindowDays, account.maxWindowDays ?? Self.maxWindowDays) }

    func calls(_ query: CallQuery) -> CallPages {
        let count = pageSize(max: Self.maxCount)
        var filters: [(String, String)] = [("order_by", "start_time"), ("order_type", "desc")]
        if let phone = query.phone { filters.append(("phone", phone)) }
        if let agent = query.agent, agent.allSatisfy(\.isNumber) { filters.append(("agent_id", agent)) }
        switch query.direction {
        case .inbound: filters.append(("call_type", "0"))
        case .outbound: filters.append(("call_type", "1"))
        default: break
        }
        switch query.disposition {
        case .missed: filters.append(("call_status", "miss"))
        case .answered: filters.append(("call_status", "metAgent"))
        default: break
        }
        for key in ["service_id", "call_type", "call_status"] {
            if let value = query.providerFilters[key] { filters.removeAll { $0.0 == key }; filters.append((key, value)) }
        }
        let fetch = PagedFetch(account: account, plan: WindowPlan(from: query.from, to: query.to, maxDays: windowDays),
                               query: query, firstCursor: .page(1)) { [filters] window, cursor in
            guard case .page(let page) = cursor else { return RawPage(records: [], total: nil, next: nil) }
            let range = [("start_time_since", RFC3339.string(from: window.start)), ("start_time_to", RFC3339.string(from: window.end))]
            return try await list(range + filters + [("page", "\(page)"), ("count", "\(count)")], page: page, count: count)
        }
        return fetch.pages
    }

    private func list(_ query: [(String, String)], page: Int, count: Int) async throws -> RawPage {
        try await transport.send(HTTPRequestSpec(.GET, callsURL, query: query), auth: auth) { reply throws(AnswerProblem) in
            let json = try reply.parsedJSON()
            guard json["code"]?.stringValue?.uppercased() == "OK" else {
                throw .final(.provider(account: account.name, request: "GET \(callsURL.path)", status: reply.status, words: reply.providerWords))
            }
            guard let calls = json["calls"]?.arrayValue else { throw .malformed("no calls array") }
            let found = json["numFound"]?.intValue
            let more = found.map { page * count < $0 } ?? !calls.isEmpty
            return RawPage(records: calls, total: found, next: more && !calls.isEmpty ? .page(page + 1) : nil, pageSize: count)
        }
    }

    /// CareSoft has no lookup by id, but its ids begin with the call's start (`yyyyMMddHHmmss`,
    /// account zone), so a one-day window around it finds the call in one request.
    func call(id: String) async throws -> CallRecord {
        let around = NaiveTimestamp.date(from: Self.startStamp(of: id) ?? "", in: account.timeZone) ?? Date()
        let range = [("start_time_since", RFC3339.string(from: around.addingTimeInterval(-86400))),
                     ("start_time_to", RFC3339.string(from: around.addingTimeInterval(86400)))]
        let page = try await list(range + [("call_id", id)], page: 1, count: 5)
        guard let raw = page.records.first(where: { $0["call_id"]?.stringValue == id }) else {
            throw CallScopeError.notFound(account: account.name, id: id)
        }
        return map(raw)
    }

    /// `20221104143655-…` → `2022-11-04 14:36:55`.
    static func startStamp(of id: String) -> String? {
        let digits = Array(id.prefix(14))
        guard digits.count == 14, digits.allSatisfy(\.isNumber) else { return nil }
        let s = String(digits)
        func part(_ a: Int, _ b: Int) -> Substring { s.dropFirst(a).prefix(b - a) }
        return "\(part(0, 4))-\(part(4, 6))-\(part(6, 8)) \(part(8, 10)):\(part(10, 12)):\(part(12, 14))"
    }
}
