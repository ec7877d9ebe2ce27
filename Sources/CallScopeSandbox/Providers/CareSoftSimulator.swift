import Hummingbird

/// CareSoft `GET /{domain}/api/v1/calls` (caresoft-calls.vi.txt, FACTS.md): Bearer token, page/count
/// with `numFound`, the four 31-day rules, 15 requests/s with a 429 and a 15-minute lock-out after
/// more than 20 refusals in a row. A PHP (Laravel) API: ints sometimes arrive as strings, and both
/// `metAgent` and `meetAgent` occur.
struct CareSoftSimulator: Simulator {
    let env: SimulatorEnvironment
    let stream: CallStream
    let limiter: SlidingWindowLimiter

    static let maxWindow: Int64 = 31 * 86400
    static let maxCount = 500

    init(env: SimulatorEnvironment) {
        self.env = env
        stream = env.stream(.caresoft)
        limiter = SlidingWindowLimiter(limit: env.options.caresoftRequestsPerSecond, lockAfter: 20,
                                       lockout: .milliseconds(Int64(900_000 * env.options.clockScale)))
    }

    func register(on router: SandboxRouter) {
        router.get("/caresoft/:domain/api/v1/calls") { request, context in
            try handleCalls(request, domain: context.parameters.require("domain"))
        }
        // Recordings: on CareSoft's file host in real life, with no token; the hash is the key.
        router.get("/caresoft/:domain/recordings/:hash/:kind/:file") { request, context in
            let parameters = context.parameters
            guard try parameters.require("domain") == env.options.credentials.caresoftDomain,
                  ["stream", "download"].contains(try parameters.require("kind")),
                  let call = recordedCall(file: try parameters.require("file")),
                  try parameters.require("hash") == String(call.salt, radix: 16) else {
                env.recordings.note(request.uri.path, range: request.headers[.range], status: 404)
                return Self.error("File not found", status: .notFound)
            }
            return env.recordings.answer(request, call: call)
        }
        router.get("/caresoft/:domain/api/v1/agents") { request, context in
            try guarded(request, domain: context.parameters.require("domain")) {
                Reply.json(.obj(["code": "OK", "numFound": .int(env.agents.count), "agents": .array(env.agents.map { agent in
                    .obj(["id": .int(agent.userID), "username": .string(agent.name), "email": .string(agent.email),
                          "ipphone": .string(agent.extensionNumber)])
                })]))
            }
        }
    }

    private static func error(_ message: String, status: HTTPResponse.Status) -> Response {
        Reply.json(.obj(["code": "errors", "message": .string(message)]), status: status)
    }

    /// Domain, rate limit and token checks shared by every CareSoft route.
    private func guarded(_ request: Request, domain: String, answer: () throws -> Response) throws -> Response {
        switch limiter.decide() {
        case .locked: return Self.error("Domain incorrect too many times , retry after 15 minutes ", status: .notFound)
        case .refuse: return Self.error("Too Many Attempts.", status: .tooManyRequests)
        case .accept: break
        }
        guard domain == env.options.credentials.caresoftDomain else { return Self.error("Domain incorrect", status: .notFound) }
        let token = request.headers[.authorization].map { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : "" }
        guard token == env.options.credentials.caresoftToken else { return Self.error("Unauthenticated.", status: .unauthorized) }
        return try answer()
    }

    private func handleCalls(_ request: Request, domain: String) throws -> Response {
        try guarded(request, domain: domain) {
            let p = request.params
            var bounds: [String: Int64] = [:]
            for name in ["start_time_since", "start_time_to", "end_time_since", "end_time_to"] {
                guard let text = p[name] else { continue }
                // Query bounds are UTC instants (yyyy-MM-ddTHH:mm:ssZ).
                guard let time = CivilTime.parse(text) else { return Self.error("The \(name) is not a valid date.", status: .unprocessableContent) }
                bounds[name] = time.epoch(offset: 0)
            }
            let now = env.anchor
            // Rule 4: when both *_since are given, the end-time condition wins.
            let byEndTime = bounds["end_time_since"] != nil || (bounds["start_time_since"] == nil && bounds["end_time_to"] != nil)
            let key = byEndTime ? "end_time" : "start_time"
            var since = bounds["\(key)_since"]
            var to = bounds["\(key)_to"]
            if let until = to {
                // Rule 2 (and 3): an end more than 31 days after the start moves the start to end − 31 days.
                if since == nil || until - since! > Self.maxWindow { since = until - Self.maxWindow }
            } else {
                // Rule 1: only a start: a start more than 31 days ago becomes now − 31 days; the end is now.
                to = now
                if since == nil || now - since! > Self.maxWindow { since = now - Self.maxWindow }
            }
            let page: Int64
            let count: Int64
            switch (p.int("page"), p.int("count")) {
            case (.success(let pg), .success(let ct)):
                page = max(1, pg ?? 1)
                count = min(Int64(Self.maxCount), max(1, ct ?? 50))
            case (.failure(let e), _), (_, .failure(let e)):
                return Self.error("The \(e.name) must be an integer.", status: .unprocessableContent)
            }
            let filter = Filter(params: p, byEndTime: byEndTime, since: since!, to: to!)
            // End times follow start times by at most the longest call, so the start-index range
            // is widened by it and filtered exactly.
            let slack: Int64 = byEndTime ? 2 * 3600 : 0
            let range = stream.indices(startingFrom: since! - slack, to: to!)
            let descending = (p["order_type"]?.lowercased() ?? "asc") == "desc"
            let offset = Int((page - 1) * count)
            var numFound = 0
            var calls: [JSONOut] = []
            if filter.isTrivial {
                // No filter but the range: the count is the range's size, and only the page is generated.
                numFound = range.count
                let pageRange = Self.pageRange(of: range, offset: offset, count: Int(count), descending: descending)
                calls = pageRange.map { record(stream.call($0)) }
            } else {
                let ordered: [Int] = descending ? Array(range) : range.reversed()
                for i in ordered {
                    let call = stream.call(i)
                    guard filter.matches(call, simulator: self) else { continue }
                    if numFound >= offset, calls.count < count { calls.append(record(call)) }
                    numFound += 1
                }
            }
            return Reply.json(.obj(["code": "OK", "numFound": .int(numFound), "calls": .array(calls)]))
        }
    }

    /// Indices of one page of an unfiltered range, newest first when descending.
    private static func pageRange(of range: Range<Int>, offset: Int, count: Int, descending: Bool) -> [Int] {
        guard offset < range.count else { return [] }
        let n = min(count, range.count - offset)
        return descending
            ? Array(range.lowerBound + offset ..< range.lowerBound + offset + n)
            : (0..<n).map { range.upperBound - 1 - offset - $0 }
    }

    struct Filter {
        let params: Params
        let byEndTime: Bool
        let since: Int64
        let to: Int64

        var isTrivial: Bool {
            !byEndTime && ["call_id", "call_type", "call_status", "phone", "agent_id", "service_id"].allSatisfy { params[$0] == nil }
        }

        func matches(_ call: SimCall, simulator: CareSoftSimulator) -> Bool {
            let time = byEndTime ? call.end : call.start
            guard time >= since, time <= to else { return false }
            if let id = params["call_id"], id != simulator.callID(call) { return false }
            if let type = params["call_type"], type != String(simulator.callType(call)) { return false }
            if let status = params["call_status"] {
                let answered = status.lowercased() == "metagent" || status.lowercased() == "meetagent"
                if answered != call.answered { return false }
            }
            if let phone = params["phone"], !call.customer.phone.contains(phone) { return false }
            if let agent = params["agent_id"], agent != call.agent.extensionNumber || simulator.callType(call) == 3 { return false }
            if let service = params["service_id"], service != simulator.serviceID(call) { return false }
            return true
        }
    }

    // MARK: The record, as CareSoft writes it

    func callID(_ call: SimCall) -> String {
        "\(CivilTime(epoch: call.start, offset: CivilTime.vietnam).compact)-LSKMQKWP-\(call.index)"
    }

    func recordingURL(_ call: SimCall, kind: String) -> String {
        "\(env.address.url)/caresoft/\(env.options.credentials.caresoftDomain)/recordings/\(String(call.salt, radix: 16))/\(kind)/\(callID(call)).wav"
    }

    /// The answered call whose recording is `file` (`{call id}.wav`; the id ends with the call's index).
    private func recordedCall(file: String) -> SimCall? {
        guard file.hasSuffix(".wav") else { return nil }
        let id = String(file.dropLast(4))
        guard let index = id.split(separator: "-").last.flatMap({ Int($0) }), (0..<stream.count).contains(index) else { return nil }
        let call = stream.call(index)
        return call.answered && callID(call) == id ? call : nil
    }

    /// 0 inbound, 1 outbound, 3 a call that slipped through an IVR branch and reached no agent.
    func callType(_ call: SimCall) -> Int {
        if call.direction == .outbound { return 1 }
        return call.outcome == .cancelled && call.salt % 3 == 0 ? 3 : 0
    }

    func serviceID(_ call: SimCall) -> String { call.hotline.code == "HL01" ? "100155" : "100156" }

    func record(_ call: SimCall) -> JSONOut {
        let vn = CivilTime.vietnam
        let inbound = call.direction != .outbound
        let type = callType(call)
        let agent = call.agent
        let reachedAgent = type != 3
        // Laravel sends some ints as strings; which ones varies between records.
        let quirky = call.salt % 2 == 0
        func number(_ value: Int) -> JSONOut { quirky ? .intString(value) : .int(value) }
        var pairs: [(String, JSONOut)] = [
            ("id", .int(425_000 + call.index)),
            ("customer_id", .int(63_200_000 + call.customer.index)),
            ("call_id", .string(callID(call))),
        ]
        if call.answered {
            pairs.append(("path", .string(recordingURL(call, kind: "stream"))))
            if call.salt % 5 != 0 { pairs.append(("path_download", .string(recordingURL(call, kind: "download")))) }
        }
        let missedReason: JSONOut = call.answered ? .null : .string(
            call.outcome == .cancelled ? "missed_customer" : call.outcome == .busy ? "missed_agent_reject"
                : call.outcome == .failed ? "missed_agent_device" : "missed_agent_timeout")
        pairs += [
            ("caller", .string(inbound ? call.customer.phone : agent.extensionNumber)),
            ("called", .string(inbound ? String(call.hotline.number.suffix(4)) : call.customer.phone)),
            ("service_id", .string(serviceID(call))),
            ("user_id", reachedAgent ? number(agent.userID) : .null),
            ("agent_id", reachedAgent ? (quirky ? .string(agent.extensionNumber) : .int(Int(agent.extensionNumber)!)) : .string("")),
            ("group_id", .int(1 + agent.userID % 3)),
            ("call_type", .int(type)),
            ("start_time", .string(CivilTime(epoch: call.start, offset: vn).isoSpaced)),
            ("call_status", .string(call.answered ? (call.salt % 3 == 0 ? "metAgent" : "meetAgent") : "miss")),
            ("end_time", .string(CivilTime(epoch: call.end, offset: vn).isoSpaced)),
            ("wait_time", .string(clockDuration(call.waitSeconds))),
            ("hold_time", .string(clockDuration(call.holdSeconds))),
            ("talk_time", .string(clockDuration(call.talkSeconds))),
            ("end_status", .string(call.salt % 4 == 0 ? "system" : "cus")),
            ("ticket_id", call.salt % 7 == 0 ? .null : .int(315_000 + call.index)),
            ("last_agent_id", reachedAgent ? .string(agent.extensionNumber) : .null),
            ("last_user_id", reachedAgent ? .int(agent.userID) : .null),
            ("call_survey", "NO"),
            ("call_survey_result", .null),
            ("missed_reason", missedReason),
        ]
        return .object(pairs)
    }
}
