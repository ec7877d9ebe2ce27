import Hummingbird

/// VBot campaign calls (vbot-campaign-cdr.vi.md): `getAll`, `countAll` and `getBotConversation`.
/// `create_at` arrives in milliseconds beside `answer_at`/`end_call_at` in seconds.
struct VBotCampaignSimulator: Simulator {
    let gate: VBotGate
    let stream: CallStream

    static let campaigns = [
        (code: "CMP_TET2026", name: "Chiến dịch Tết 2026", group: "GRP_KM", groupName: "Khuyến mãi"),
        (code: "CMP_NHACNO", name: "Nhắc nợ tháng 11", group: "GRP_TC", groupName: "Tài chính"),
        (code: "CMP_KHAOSAT", name: "Khảo sát hài lòng", group: "GRP_CSKH", groupName: "Chăm sóc khách hàng"),
    ]
    static let scripts = [("TPL_KM01", "Kịch bản khuyến mãi"), ("TPL_NN02", "Kịch bản nhắc nợ"), ("TPL_KS03", "Kịch bản khảo sát")]

    init(gate: VBotGate) {
        self.gate = gate
        stream = gate.env.stream(.vbotCampaign)
    }

    func register(on router: SandboxRouter) {
        router.get("/vbot/api/campaignCall/cdr/getAll") { request, _ in
            gate.guarded(request, needsBot: true) { p in query(p, countOnly: false) }
        }
        router.get("/vbot/api/campaignCall/cdr/countAll") { request, _ in
            gate.guarded(request, needsBot: true) { p in query(p, countOnly: true) }
        }
        router.get("/vbot/api/campaignCall/cdr/getBotConversation") { request, _ in
            gate.guarded(request, needsBot: true) { p in conversation(p) }
        }
    }

    func bot(_ call: SimCall) -> String {
        let bots = gate.env.options.credentials.vbotBotIDs
        return bots[Int(call.salt % UInt64(bots.count))]
    }

    private func query(_ p: Params, countOnly: Bool) -> Response {
        guard case .success(let start) = VBotGate.epochSeconds(p, "start_date"),
              case .success(let end) = VBotGate.epochSeconds(p, "end_date"),
              case .success(let status) = p.int("status"),
              let paging = VBotGate.paging(p) else { return VBotGate.failure(-1, "Tham số không hợp lệ") }
        let range = stream.indices(startingFrom: start ?? 0, to: end ?? Int64.max / 2)
        let botID = p["bot_id"]
        let matching = stream.calls(in: range) { call in
            let campaign = Self.campaigns[Int(call.salt % 3)]
            let script = Self.scripts[Int(call.salt % 3)]
            if bot(call) != botID { return false }
            if let c = p["campaign_code"], c != campaign.code { return false }
            if let m = p["member"], m != "VB" + call.agent.extensionNumber { return false }
            if let t = p["template_script_code"], t != script.0 { return false }
            if let d = p["disposition"], d.lowercased() != VBotGate.disposition(call, bot: true).lowercased() { return false }
            if let h = p["hotline"], h != call.hotline.number, h != call.hotline.code { return false }
            if let k = p["key"]?.lowercased(), !call.customer.phone.contains(k), !call.customer.name.lowercased().contains(k) { return false }
            if let l = p["input_log_search"], !inputLog(call).contains(l) { return false }
            if let s = status, s != Int64(callStatus(call)) { return false }
            return true
        }
        if countOnly { return VBotGate.success(.int(matching.reduce(0) { n, _ in n + 1 })) }
        return VBotGate.success(.array(matching.dropFirst(paging.offset).prefix(paging.size).map(record)))
    }

    private func conversation(_ p: Params) -> Response {
        guard let id = p["trans_id"] else { return VBotGate.failure(-1, "trans_id is required") }
        guard let index = stream.index(ofIndexedID: id, prefix: "VBC"), bot(stream.call(index)) == p["bot_id"] else {
            return VBotGate.failure(404, "Không tìm thấy cuộc gọi")
        }
        let call = stream.call(index)
        guard call.answered else { return VBotGate.success(.string("")) }
        let turns = Vocabulary.botTurns.prefix(2 + Int(call.salt % 4))
        return VBotGate.success(.string(turns.map { "\($0.0): \($0.1)" }.joined(separator: "\n")))
    }

    private func inputLog(_ call: SimCall) -> String { call.answered ? ["1", "1,2", "2,9", "3"][Int(call.salt % 4)] : "" }

    /// 1 finished, 2 retrying, 3 failed: campaign statuses as the list shows them.
    private func callStatus(_ call: SimCall) -> Int { call.answered ? 1 : call.outcome == .failed ? 3 : 2 }

    private func sipCode(_ call: SimCall) -> String {
        switch call.outcome {
        case .answered: "200"
        case .noAnswer: "480"
        case .cancelled: "487"
        case .busy: "486"
        case .failed: "503"
        }
    }

    func record(_ call: SimCall) -> JSONOut {
        let campaign = Self.campaigns[Int(call.salt % 3)]
        let script = Self.scripts[Int(call.salt % 3)]
        let postage = Double(((call.talkSeconds + 5) / 6) * 150) / 1.0
        let collected: [JSONOut] = call.answered ? [
            .obj(["cfkey": "quan_tam", "cfname": "Quan tâm", "cfvalue": call.salt % 2 == 0 ? "Có" : "Không", "description": "Khách có quan tâm ưu đãi không"]),
            .obj(["cfkey": "goi_lai", "cfname": "Thời gian gọi lại", "cfvalue": "Chiều mai", "description": "Thời điểm khách muốn được gọi lại"]),
        ] : []
        return .obj([
            "phone": .string(call.customer.phone), "name": .string(call.customer.name),
            "customer_uid": .string("KH\(call.customer.index)"),
            "duration": .int(call.durationSeconds), "billsec": .int(call.talkSeconds),
            "sip_code": .string(sipCode(call)), "disposition": .string(VBotGate.disposition(call, bot: true)),
            "input_log": .string(inputLog(call)), "status": .int(callStatus(call)),
            "postage": .double(postage), "service_charge": .double(call.answered ? 200.5 : 0), "postage_bot_service": .double(call.answered ? 350.0 : 0),
            "member": .obj(["name": .string(call.agent.name), "color": .string(call.agent.color), "vbot_id": .string("VB" + call.agent.extensionNumber)]),
            "hotline": .obj(["code": .string(call.hotline.code), "name": .string(call.hotline.name), "phone_number": .string(call.hotline.number)]),
            "call_collected_data": .array(collected),
            "answer_at": .int(call.answeredAt ?? 0), "end_call_at": .int(call.end),
            "campaign_name": .string(campaign.name), "campaign_code": .string(campaign.code),
            "campaign_group_name": .string(campaign.groupName), "campaign_group_code": .string(campaign.group),
            "template_script_name": .string(script.1), "template_script_code": .string(script.0),
            "voice_text": .string(call.answered ? Vocabulary.botTurns[0].1 : ""),
            "create_at": .int(call.start * 1000 + Int64(call.salt % 1000)),
            "bot_id": .string(bot(call)), "trans_id": .string(CallStream.indexedID(prefix: "VBC", call)),
            "create_by": .string(gate.env.options.credentials.vbotUsername),
            "score": .double(Double(call.salt % 100) / 10), "is_record": .bool(call.answered),
        ])
    }
}
