import Foundation
import Hummingbird
import Synchronization

/// ICSOC autocall (icsoc-autocall-cdr.zh.md, FACTS.md): the OAuth2 password grant on the account
/// host, counted against 128 token requests per user per 24 hours, and the CDR search with
/// `searchAfter` cursors (newest first) and every documented filter.
final class ICSOCSimulator: Simulator {
    let env: SimulatorEnvironment
    let stream: CallStream
    let tokens = TokenStore(prefix: "icsoc")
    let tokenRequests = Mutex<[String: [ContinuousClock.Instant]]>([:])

    static let tokenRequestLimit = 128
    static let maxPerPage = 1000

    init(env: SimulatorEnvironment) {
        self.env = env
        stream = env.stream(.icsoc)
    }

    func register(on router: SandboxRouter) {
        router.post("/icsoc-account/oauth2/token") { [self] request, _ in try await token(request.formParams()) }
        router.get("/icsoc/api/v1/cdr/search") { [self] request, _ in authorized(request) { search(.query(request.params)) } }
        // Recordings, as the CDR push's `record_file` gives them.
        router.get("/icsoc/record/:file") { [self] request, context in
            let file = try context.parameters.require("file")
            guard file.hasSuffix(".wav"), let index = stream.icsocIndex(of: String(file.dropLast(4))),
                  stream.icsocCall(index, projectID: env.options.credentials.icsocProjectID).callResult == 2 else {
                env.recordings.note(request.uri.path, range: request.headers[.range], status: 404)
                return Self.failure(404, "录音不存在", status: .notFound)
            }
            return env.recordings.answer(request, call: stream.call(index))
        }
        router.post("/icsoc/api/v1/cdr/search") { [self] request, _ in
            let body = try await request.bodyText()
            return authorized(request) {
                guard let object = (body.isEmpty ? [:] : try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] else {
                    return Self.failure(400, "请求参数格式错误", status: .badRequest)
                }
                return search(.body(object))
            }
        }
    }

    /// How many token requests `username` made in the last 24 hours.
    func tokenRequestCount(username: String) -> Int {
        tokenRequests.withLock { $0[username, default: []].filter { $0 > .now - .seconds(86400) }.count }
    }

    private func token(_ form: Params) -> Response {
        let credentials = env.options.credentials
        let username = form["username"] ?? ""
        let count = tokenRequests.withLock { log -> Int in
            log[username, default: []].removeAll { $0 <= .now - .seconds(86400) }
            log[username, default: []].append(.now)
            return log[username]!.count
        }
        guard count <= Self.tokenRequestLimit else {
            return Reply.json(.obj(["error": "access_denied", "error_description": "token request limit exceeded (128 per 24 hours)"]), status: .tooManyRequests)
        }
        guard form["client_id"] == credentials.icsocClientID, form["client_secret"] == credentials.icsocClientSecret else {
            return Reply.json(.obj(["error": "invalid_client", "error_description": "Client authentication failed"]), status: .unauthorized)
        }
        switch form["grant_type"] {
        case "password":
            guard username == credentials.icsocUsername, form["password"] == credentials.icsocPassword else {
                return Reply.json(.obj(["error": "invalid_grant", "error_description": "Invalid username and password combination"]), status: .badRequest)
            }
        case "refresh_token":
            guard let refresh = form["refresh_token"], tokens.redeem(refreshToken: refresh) != nil else {
                return Reply.json(.obj(["error": "invalid_grant", "error_description": "Invalid refresh token"]), status: .badRequest)
            }
        default:
            return Reply.json(.obj(["error": "unsupported_grant_type", "error_description": "Grant type not supported"]), status: .badRequest)
        }
        let issued = tokens.issue(subject: credentials.icsocUsername, lifetime: env.faults.tokenLifetime(default: .seconds(86400)))
        return Reply.json(.obj([
            "access_token": .string(issued.accessToken), "expires_in": .int(issued.lifetimeSeconds), "token_type": "Bearer",
            "scope": "openid", "refresh_token": .string(issued.refreshToken),
        ]))
    }

    private static func failure(_ code: Int, _ message: String, status: HTTPResponse.Status = .ok) -> Response {
        Reply.json(.obj(["code": .int(code), "message": .string(message), "data": .null]), status: status)
    }

    private func authorized(_ request: Request, _ answer: () -> Response) -> Response {
        switch env.authorize(request, with: tokens) {
        case .valid: answer()
        case .expired: Self.failure(401, "access_token已过期", status: .unauthorized)
        case .missing, .unknown: Self.failure(401, "无效的access_token", status: .unauthorized)
        }
    }

    /// Search parameters from a JSON body (POST) or the query string (GET, `startTime` as JSON text
    /// or as `startTime[gte]=`).
    enum SearchInput {
        case query(Params)
        case body([String: Any])

        func string(_ name: String) -> String? {
            switch self {
            case .query(let p): return p[name]
            case .body(let o):
                if let s = o[name] as? String { return s.isEmpty ? nil : s }
                if let n = o[name] as? NSNumber { return n.stringValue }
                return nil
            }
        }

        func timeBound(_ op: String) -> String? {
            switch self {
            case .query(let p):
                if let nested = p["startTime[\(op)]"] { return nested }
                guard let text = p["startTime"], let data = text.data(using: .utf8),
                      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
                return object[op] as? String
            case .body(let o):
                return (o["startTime"] as? [String: Any])?[op] as? String
            }
        }
    }

    private func search(_ input: SearchInput) -> Response {
        let perPage = input.string("perPage").map { Int($0) } ?? 20
        guard let perPage, perPage > 0 else { return Self.failure(400, "perPage参数错误", status: .badRequest) }
        var bounds: [String: Int64] = [:]
        for op in ["gte", "lte"] {
            guard let text = input.timeBound(op) else { continue }
            guard let time = CivilTime.parse(text) else { return Self.failure(400, "startTime参数错误", status: .badRequest) }
            bounds[op] = time.epoch(offset: CivilTime.china)
        }
        var range = stream.indices(startingFrom: bounds["gte"] ?? 0, to: bounds["lte"] ?? Int64.max / 2)
        if let after = input.string("searchAfter") {
            guard let index = stream.icsocIndex(of: after) else { return Self.failure(400, "searchAfter参数错误", status: .badRequest) }
            range = max(range.lowerBound, index + 1)..<max(range.upperBound, index + 1)
        }
        let project = env.options.credentials.icsocProjectID
        let filters = ["callId", "projectId", "taskId", "caller", "called", "callresult", "endresult"].compactMap { name in
            input.string(name).map { (name, $0) }
        }
        let size = min(perPage, Self.maxPerPage)
        var results: [ICSOCCall] = []
        var more = false
        for index in range {
            let call = stream.icsocCall(index, projectID: project)
            guard filters.allSatisfy({ Self.value(of: $0.0, in: call) == $0.1 }) else { continue }
            if results.count == size { more = true; break }
            results.append(call)
        }
        return Reply.json(.obj([
            "code": 0, "message": "操作成功", "request_id": .string(String(UInt64.random(in: 0...UInt64.max), radix: 16)),
            "data": .obj([
                "results": .array(results.map(record)),
                "searchAfter": more ? .string(results.last!.callID) : .null,
            ]),
        ]))
    }

    private static func value(of filter: String, in call: ICSOCCall) -> String {
        switch filter {
        case "callId": call.callID
        case "projectId": call.projectID
        case "taskId": call.taskID
        case "caller": call.caller
        case "called": call.call.customer.phone
        case "callresult": String(call.callResult)
        default: String(call.endResult)
        }
    }

    /// Where the recording of an answered call is served.
    func recordingURL(callID: String) -> String { "\(env.address.url)/icsoc/record/\(callID).wav" }

    func record(_ c: ICSOCCall) -> JSONOut {
        let call = c.call
        // The document's table says `answerTime`, its example `ansTime`: both occur.
        let answerKey = call.salt % 2 == 0 ? "ansTime" : "answerTime"
        return .object([
            ("vccId", "782"), ("projectId", .string(c.projectID)), ("taskId", .string(c.taskID)), ("callId", .string(c.callID)),
            ("caller", .string(c.caller)), ("called", .string(call.customer.phone)),
            ("calledAreacode", .string(c.area.code)), ("calledAreaname", .string(c.area.name)),
            ("calledType", "MOBILE"), ("calledVendor", .string(c.vendor)),
            ("transCaller", .string(c.agentPhone.isEmpty ? "" : c.caller)), ("transPhone", .string(c.agentPhone)),
            ("transAreacode", ""), ("transAreaname", ""), ("transType", .string(c.agentPhone.isEmpty ? "" : "SIP")), ("transVendor", ""),
            ("startTimeEe", .int(c.agentStart)), ("ringTimeEe", .int(c.agentRing)),
            ("answerTimeEe", .int(c.agentAnswer)), ("endTimeEe", .int(c.agentEnd)),
            ("startTime", .int(call.start)), ("ringTime", .int(c.ringTime)), (answerKey, .int(c.customerAnswer)),
            ("endTime", .int(call.end)), ("ansSecs", .int(c.customerSeconds)), ("linkSecs", .int(call.talkSeconds)),
            ("allSecs", .int(call.durationSeconds)), ("callresult", .string(String(c.callResult))),
            ("endresult", .string(String(c.endResult))),
            ("userData", .obj(["tag": "autocall", "extId": .string(String(call.customer.index)), "proid": .string(c.projectID),
                               "taskid": .string(c.taskID)])),
        ])
    }
}
