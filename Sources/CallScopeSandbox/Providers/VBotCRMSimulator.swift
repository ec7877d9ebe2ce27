import Hummingbird

/// VBot CRM call history (vbot-crm-historycall.vi.md): `getAll` by phone or by from/to, `countAll`,
/// and `record/{id}` (the recording, behind the bearer token). Dates are `MM/dd/yyyy HH:mm:ss` in
/// Vietnam time, `duration_call` is a string at the top and an int in the legs, and `type_call`
/// comes in several spellings.
struct VBotCRMSimulator: Simulator {
    let gate: VBotGate
    let stream: CallStream

    init(gate: VBotGate) {
        self.gate = gate
        stream = gate.env.stream(.vbotCRM)
    }

    func register(on router: SandboxRouter) {
        router.get("/vbot/api/crm/historycall/getAll") { request, _ in
            gate.guarded(request, needsBot: false) { p in query(p, countOnly: false) }
        }
        router.get("/vbot/api/crm/historycall/countAll") { request, _ in
            gate.guarded(request, needsBot: false) { p in query(p, countOnly: true) }
        }
        router.get("/vbot/api/crm/historycall/record/:id") { request, context in
            let id = try context.parameters.require("id")
            let recordings = gate.env.recordings
            switch gate.env.authorize(request, with: gate.tokens) {
            case .valid: break
            default:
                recordings.note(request.uri.path, range: request.headers[.range], status: 401)
                return Reply.json(.obj(["Message": "Authorization has been denied for this request."]), status: .unauthorized)
            }
            guard let index = stream.index(ofIndexedID: id, prefix: "G"), stream.call(index).answered else {
                recordings.note(request.uri.path, range: request.headers[.range], status: 404)
                return Reply.json(.obj(["error": 404, "message": "Không tìm thấy file ghi âm", "data": .null]), status: .notFound)
            }
            return recordings.answer(request, call: stream.call(index))
        }
    }

    private func query(_ p: Params, countOnly: Bool) -> Response {
        guard case .success(let from) = VBotGate.epochSeconds(p, "from"), case .success(let to) = VBotGate.epochSeconds(p, "to"),
              let paging = VBotGate.paging(p) else { return VBotGate.failure(-1, "Tham số không hợp lệ") }
        let phone = p["phone"]
        guard phone != nil || from != nil || to != nil else { return VBotGate.failure(-1, "phone or from/to is required") }
        let matching = stream.calls(in: stream.indices(startingFrom: from ?? 0, to: to ?? Int64.max / 2)) { call in
            phone.map { call.customer.phone.contains($0) } ?? true
        }
        if countOnly { return VBotGate.success(.int(matching.reduce(0) { n, _ in n + 1 })) }
        return VBotGate.success(.array(matching.dropFirst(paging.offset).prefix(paging.size).map(record)))
    }

    private func leg(phone: String, call: SimCall, disposition: String, talk: Int, member: String, source: String, at: Int64) -> JSONOut {
        .obj([
            "phone": .string(phone), "vbot_id": .string(gate.env.options.credentials.vbotID),
            "date_create": .string(CivilTime(epoch: at, offset: CivilTime.vietnam).usStyle),
            "disposition": .string(disposition), "time_call": .string(clockDuration(talk)),
            "postage": .double(Double(talk) * 13.5), "duration_call": .int(talk), "source": .string(source), "member_no": .string(member),
        ])
    }

    func record(_ call: SimCall) -> JSONOut {
        let disposition = VBotGate.disposition(call, bot: false)
        let inbound = call.direction == .inbound
        let customerLeg = leg(phone: call.customer.phone, call: call, disposition: disposition, talk: call.talkSeconds,
                              member: "", source: "mobile", at: call.start)
        var agentLegs: [JSONOut] = []
        if inbound, let tried = call.firstTriedAgent, tried.extensionNumber != call.agent.extensionNumber {
            agentLegs.append(leg(phone: tried.extensionNumber, call: call, disposition: "noanswer", talk: 0,
                                 member: tried.extensionNumber, source: "sip", at: call.start))
        }
        agentLegs.append(leg(phone: call.agent.extensionNumber, call: call, disposition: disposition, talk: call.talkSeconds,
                             member: call.agent.extensionNumber, source: "sip", at: call.start + Int64(call.waitSeconds / 2)))
        let spellings = inbound ? ["1", "in", "inbound"] : ["2", "out", "outbound"]
        // A few records lack a group id, and fewer still any id at all, as real data does.
        let groupID = call.salt % 17 == 0 ? "" : CallStream.indexedID(prefix: "G", call)
        let external = call.salt % 17 == 0 && call.salt % 2 == 0 ? "" : "EXT-\(call.salt % 1_000_000_007)"
        let recording: [JSONOut] = call.answered && !groupID.isEmpty
            ? [.string("\(gate.env.address.url)/vbot/api/crm/historycall/record/\(groupID)")] : []
        return .obj([
            "hotline_number": .string(call.hotline.number),
            "date_create": .string(CivilTime(epoch: call.start, offset: CivilTime.vietnam).usStyle),
            "caller": .array(inbound ? [customerLeg] : [agentLegs.last!]),
            "callee": .array(inbound ? agentLegs : [customerLeg]),
            "time_call": .string(clockDuration(call.talkSeconds)),
            "duration_call": .string(String(call.durationSeconds)),
            "type_call": .string(spellings[Int(call.salt % 3)]),
            "group_id": .string(groupID),
            "disposition": .string(disposition),
            "record_file": .array(recording),
            "external_call_id": .string(external),
        ])
    }
}
