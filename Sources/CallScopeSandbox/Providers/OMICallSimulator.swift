import Foundation
import Hummingbird
import Synchronization

/// OMICall (ViHAT) call transactions (omicall-call-transaction.vi.md, FACTS.md): API-key login for a
/// 24-hour token; `status_code` 9999 / -9999 with the reason in `message`; list with required
/// millisecond ranges no longer than the account's window; detail; change (note and tags, kept);
/// report computed from the data.
final class OMICallSimulator: Simulator {
    let env: SimulatorEnvironment
    let stream: CallStream
    let tokens = TokenStore(prefix: "omi")
    let annotations = Mutex<[Int: (note: String, tags: [String], updated: Int64)]>([:])
    /// Change requests that reached the route (past any injected fault), by transaction id.
    let changeRequests = Mutex<[String: Int]>([:])

    static let maxPageSize = 100

    init(env: SimulatorEnvironment) {
        self.env = env
        stream = env.stream(.omicall)
    }

    func register(on router: SandboxRouter) {
        router.get("/omicall/api/auth") { [self] request, _ in login(request) }
        router.get("/omicall/api/call_transaction/list") { [self] request, _ in
            authorized(request) { list(request.params) }
        }
        router.get("/omicall/api/call_transaction/detail/:id") { [self] request, context in
            let id = try context.parameters.require("id")
            return authorized(request) { detail(id) }
        }
        router.post("/omicall/api/call_transaction/change/:id") { [self] request, context in
            let id = try context.parameters.require("id")
            let body = try await request.bodyText()
            return authorized(request) { change(id, body: body) }
        }
        router.get("/omicall/api/call_transaction/report") { [self] request, _ in
            authorized(request) { report(request.params) }
        }
        // Recordings: a Google Drive style link with no file extension (the type comes from the answer).
        router.get("/omicall/drive/uc") { [self] request, _ in
            guard let id = request.params["id"], let index = stream.index(ofIndexedID: id, prefix: "R"), stream.call(index).answered else {
                env.recordings.note(request.uri.path, range: request.headers[.range], status: 404)
                return Reply.proxyError(.notFound)
            }
            return env.recordings.answer(request, call: stream.call(index))
        }
    }

    // MARK: Envelope

    private static func success(_ payload: JSONOut) -> Response {
        Reply.json(.obj(["status_code": 9999, "instance_id": "sandbox", "instance_name": "callscope-sandbox-omicall",
                         "payload": payload, "key_enabled": false]))
    }

    /// A refusal in OMICall's words: HTTP 200 with `status_code` -9999, as the API does.
    private static func failure(_ reason: String, status: HTTPResponse.Status = .ok) -> Response {
        Reply.json(.obj(["status_code": -9999, "instance_id": "sandbox", "message": .string(reason), "payload": .null]), status: status)
    }

    private func login(_ request: Request) -> Response {
        guard let key = request.params["apiKey"] else { return Self.failure("api_key_is_required") }
        guard key == env.options.credentials.omicallAPIKey else { return Self.failure("api_key_invalid") }
        let issued = tokens.issue(subject: "omicall", lifetime: env.faults.tokenLifetime(default: .seconds(86400)))
        return Self.success(.obj(["access_token": .string(issued.accessToken), "token_type": "Bearer"]))
    }

    private func authorized(_ request: Request, _ answer: () -> Response) -> Response {
        switch env.authorize(request, with: tokens) {
        case .valid: answer()
        case .expired: Self.failure("token_expired", status: .unauthorized)
        case .missing, .unknown: Self.failure("token_invalid", status: .unauthorized)
        }
    }

    /// The millisecond range every list and report request must carry.
    private func range(_ p: Params, limitDays: Int?) -> Result<(Int64, Int64), Reason> {
        guard p.has("from_date") else { return .failure(Reason("from_date_is_required")) }
        guard p.has("to_date") else { return .failure(Reason("to_date_is_required")) }
        guard case .success(let from?) = p.int("from_date"), case .success(let to?) = p.int("to_date"), from <= to
        else { return .failure(Reason("date_invalid")) }
        if let days = limitDays, to - from > Int64(days) * 86_400_000 { return .failure(Reason("date_is_too_long")) }
        return .success((from, to))
    }

    struct Reason: Error { let words: String; init(_ words: String) { self.words = words } }

    // MARK: Routes

    private func list(_ p: Params) -> Response {
        let from: Int64, to: Int64
        switch range(p, limitDays: env.options.omicallMaxWindowDays) {
        case .success(let r): (from, to) = r
        case .failure(let reason): return Self.failure(reason.words)
        }
        guard case .success(let pageArg) = p.int("page"), case .success(let sizeArg) = p.int("size") else {
            return Self.failure("page_or_size_invalid")
        }
        let size = Int(min(Int64(Self.maxPageSize), max(1, sizeArg ?? 50)))
        let page = Int(max(1, pageArg ?? 1))
        let filter = Filter(p)
        let matching = stream.calls(in: stream.indices(startingFrom: from.floorDiv(1000), to: to.floorDiv(1000))) { filter.matches($0, sim: self) }
        var total = 0
        var items: [JSONOut] = []
        let offset = (page - 1) * size
        for call in matching {
            if total >= offset, items.count < size { items.append(record(call, detail: false)) }
            total += 1
        }
        let pages = max(1, (total + size - 1) / size)
        return Self.success(.obj([
            "items": .array(items),
            "page_number": .int(page), "page_size": .int(size),
            "total_items": .int(total), "total_pages": .int(pages),
            "has_next": .bool(page < pages), "next_page": .int(page < pages ? page + 1 : page),
            "has_previous": .bool(page > 1), "previous_page": .int(max(1, page - 1)),
        ]))
    }

    private func detail(_ id: String) -> Response {
        guard let index = index(of: id) else { return Self.failure("transaction_not_found", status: .notFound) }
        return Self.success(record(stream.call(index), detail: true))
    }

    private func change(_ id: String, body: String) -> Response {
        changeRequests.withLock { $0[id, default: 0] += 1 }
        guard let index = index(of: id) else { return Self.failure("transaction_not_found", status: .notFound) }
        guard !body.isEmpty, let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        else { return Self.failure("request_body_required") }
        guard let note = object["note"] as? String else { return Self.failure("note_is_required") }
        let call = stream.call(index)
        var tags = annotations.withLock { $0[index]?.tags } ?? call.tags
        if let given = object["tag"] {
            guard let names = given as? [String] else { return Self.failure("tag_invalid") }
            tags = names
        }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        annotations.withLock { $0[index] = (note, tags, now) }
        return Self.success(record(call, detail: true))
    }

    private func report(_ p: Params) -> Response {
        let from: Int64, to: Int64
        switch range(p, limitDays: nil) {
        case .success(let r): (from, to) = r
        case .failure(let reason): return Self.failure(reason.words)
        }
        let numbers = Set(p.all("numbers"))
        let sip = p["sip_user"]
        var byDirection: [SimDirection: (count: Int, time: Int)] = [:]
        var byDisposition: [Bool: (count: Int, outbound: Int, inbound: Int)] = [:]
        var local = (count: 0, answered: 0)
        for call in stream.calls(in: stream.indices(startingFrom: from.floorDiv(1000), to: to.floorDiv(1000)), where: { call in
            (numbers.isEmpty || numbers.contains(call.hotline.international) || numbers.contains(call.hotline.number))
                && (sip == nil || sip == call.agent.extensionNumber)
        }) {
            if call.direction == .local {
                local.count += 1
                if call.answered { local.answered += 1 }
                continue
            }
            byDirection[call.direction, default: (0, 0)].count += 1
            byDirection[call.direction, default: (0, 0)].time += call.talkSeconds
            byDisposition[call.answered, default: (0, 0, 0)].count += 1
            if call.direction == .inbound { byDisposition[call.answered, default: (0, 0, 0)].inbound += 1 } else { byDisposition[call.answered, default: (0, 0, 0)].outbound += 1 }
        }
        let directions: [JSONOut] = [SimDirection.inbound, .outbound].compactMap { d in
            byDirection[d].map { .obj(["_id": .string(d.rawValue), "total_count": .int($0.count), "total_time": .int($0.time)]) }
        }
        let dispositions: [JSONOut] = [false, true].compactMap { answered in
            byDisposition[answered].map {
                .obj(["_id": answered ? "answered" : "cancelled", "total_count": .int($0.count),
                      "total_outbound": .int($0.outbound), "total_inbound": .int($0.inbound)])
            }
        }
        return Self.success(.obj([
            "categorized_by_direction": .array(directions),
            "categorized_by_disposition": .array(dispositions),
            "categorized_by_local_direction": .obj(["total_call": .int(local.count),
                                                    "total_call_answer": local.answered == 0 ? .null : .int(local.answered)]),
        ]))
    }

    struct Filter {
        let agents: Set<String>, directions: Set<String>, userUUIDs: Set<String>, sipNumbers: Set<String>
        let keyword: String?, sipUser: String?, disposition: String?, source: String?, destination: String?
        let queue: String?, excludeAutoCalls: Bool

        init(_ p: Params) {
            agents = Set(p.all("agents")); directions = Set(p.all("direction"))
            userUUIDs = Set(p.all("user_uuids")); sipNumbers = Set(p.all("sip_numbers"))
            keyword = p["keyword"]?.lowercased(); sipUser = p["sip_user"]; disposition = p["disposition"]
            source = p["source_number"]; destination = p["destination_number"]; queue = p["queue_destination"]
            excludeAutoCalls = p["is_auto_call"]?.lowercased() == "false"
        }

        func matches(_ call: SimCall, sim: OMICallSimulator) -> Bool {
            let (from, to) = sim.numbers(call)
            if !agents.isEmpty, !agents.contains(call.agent.email) { return false }
            if !directions.isEmpty, !directions.contains(call.direction.rawValue) { return false }
            if !userUUIDs.isEmpty, !userUUIDs.contains(call.agent.uuid) { return false }
            if !sipNumbers.isEmpty, !sipNumbers.contains(call.agent.extensionNumber) { return false }
            if let sipUser, sipUser != call.agent.extensionNumber { return false }
            if let disposition, disposition != (call.answered ? "answered" : "cancelled") { return false }
            if let source, !from.contains(source) { return false }
            if let destination, !to.contains(destination) { return false }
            if let queue, call.direction != .inbound || (queue != call.hotline.international && queue != call.hotline.number) { return false }
            if excludeAutoCalls, call.isAutoCall { return false }
            if let keyword {
                let haystack = [from, to, call.customer.name.lowercased(), Vocabulary.unsigned(call.customer.name).lowercased()]
                if !haystack.contains(where: { $0.contains(keyword) }) { return false }
            }
            return true
        }
    }

    // MARK: The record, as OMICall writes it

    /// A UUID whose last 12 hex digits carry the call's index, so detail and change find it.
    func transactionID(_ call: SimCall) -> String {
        var rng = SeededRandom(seed: env.options.seed, stream: 202, item: UInt64(call.index))
        let prefix = Staff.uuid(&rng).prefix(24)
        let tail = String(call.index, radix: 16)
        return prefix + String(repeating: "0", count: 12 - tail.count) + tail
    }

    private func index(of id: String) -> Int? {
        guard id.count == 36, let index = Int(id.suffix(12), radix: 16), index < stream.count,
              transactionID(stream.call(index)) == id else { return nil }
        return index
    }

    func numbers(_ call: SimCall) -> (from: String, to: String) {
        // OMICall writes a customer's number sometimes with the country code, sometimes without.
        let customer = call.salt % 4 == 0 ? "84" + call.customer.phone.dropFirst() : call.customer.phone
        switch call.direction {
        case .inbound: return (customer, call.hotline.international)
        case .outbound: return (call.hotline.international, customer)
        case .local: return (call.agent.extensionNumber, (call.firstTriedAgent ?? env.agents[0]).extensionNumber)
        }
    }

    func record(_ call: SimCall, detail: Bool) -> JSONOut {
        let (from, to) = numbers(call)
        let annotation = annotations.withLock { $0[call.index] }
        let note = annotation?.note ?? call.note
        let tags = annotation?.tags ?? call.tags
        let created = call.end * 1000 + Int64(call.salt % 3000)
        let agentName = String(call.agent.name.drop { $0 != " " }.dropFirst())
        let price = call.direction == .outbound && call.answered ? (call.talkSeconds + 59) / 60 * 890 : 0
        var pairs: [(String, JSONOut)] = [
            ("transaction_id", .string(transactionID(call))),
            ("direction", .string(call.direction.rawValue)),
            ("source_number", .string(from)),
            ("destination_number", .string(to)),
            ("disposition", call.answered ? "answered" : "cancelled"),
            ("bill_sec", .int(call.talkSeconds)),
            ("time_start_to_answer", .int(call.start)),
            ("recording_file", call.answered ? .string("\(env.address.url)/omicall/drive/uc?id=\(CallStream.indexedID(prefix: "R", call))&export=download") : .string("")),
            ("sip_user", .string(call.agent.extensionNumber)),
            ("duration", .int(call.durationSeconds)),
            ("provider", .string(call.carrier)),
            ("note", .string(note)),
            ("tag", .array(tags.map { .string($0) })),
            ("record_seconds", .int(call.talkSeconds)),
            ("call_out_price", .int(price)),
            ("created_date", .int(created)),
            ("last_updated_date", .int(annotation?.updated ?? created + 3069)),
        ]
        if detail { pairs.append(("ivr", "none")) }
        pairs += [
            ("user", .array([.obj([
                "full_name": .string(agentName), "full_name_unsigned": .string(Vocabulary.unsigned(agentName)),
                "note": .string(note), "tag": .array(tags.map { .obj(["name": .string($0)]) }),
            ])])),
            // Some calls come without a customer; never the first few, which carry the hostile values.
            ("customer", call.salt % 9 == 0 && call.index > 2 ? .null : .obj([
                "full_name": .string(call.customer.name), "full_name_unsigned": .string(Vocabulary.unsigned(call.customer.name)),
            ])),
            ("is_have_forward_out", .bool(call.salt % 11 == 0)),
            ("bill_sec_forward_out", .int(call.salt % 11 == 0 ? call.talkSeconds : 0)),
        ]
        return .object(pairs)
    }
}
