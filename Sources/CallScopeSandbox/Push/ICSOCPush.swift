/// One CDR push as ICSOC sends it: the exact body text (PHP `json_encode`, so `\/` and `\uXXXX`),
/// and the call id it carries.
public struct ICSOCPush: Sendable {
    public let callID: String
    public let body: String

    /// A push of any body text (tests send forged and broken ones).
    public init(callID: String, body: String) {
        self.callID = callID
        self.body = body
    }

    /// Builds the push of a call: numbers as strings, `user_data` as an object, optionally encrypted.
    static func make(_ c: ICSOCCall, secret: String, encrypt: Bool, timestamp: Int64,
                     recordingURL: (_ callID: String) -> String) throws -> ICSOCPush {
        let call = c.call
        func s(_ v: Int64) -> JSONOut { .intString(v) }
        let data: JSONOut = .object([
            ("vcc_id", "782"), ("call_id", .string(c.callID)), ("caller", .string(c.caller)), ("called", .string(call.customer.phone)),
            ("called_areacode", .string(c.area.code)), ("called_areaname", .string(c.area.name)),
            ("called_type", "MOBILE"), ("called_vendor", .string(c.vendor)),
            ("trans_caller", .string(c.agentPhone.isEmpty ? "" : c.caller)), ("trans_phone", .string(c.agentPhone)),
            ("trans_areacode", ""), ("trans_areaname", ""), ("trans_type", ""), ("trans_vendor", ""),
            ("start_time_ee", s(c.agentStart)), ("ring_time_ee", s(c.agentRing)),
            ("answer_time_ee", s(c.agentAnswer)), ("end_time_ee", s(c.agentEnd)),
            ("start_time", s(call.start)), ("ring_time", s(c.ringTime)), ("ans_time", s(c.customerAnswer)),
            ("link_time", s(c.agentAnswer)), ("end_time", s(call.end)),
            ("ans_secs", .intString(c.customerSeconds)), ("link_secs", .intString(call.talkSeconds)),
            ("all_secs", .intString(call.durationSeconds)),
            ("callresult", .intString(c.callResult)), ("endresult", .intString(c.endResult)),
            ("call_context", "mc_transque"), ("call_exten", "ivr_in"),
            ("call_vars", .string("trans_que=660,trans_pro=\(c.projectID)")),
            ("record_file", .string(c.callResult == 2 ? recordingURL(c.callID) : "")),
            ("user_data", .object([("_tag", "autocall:poc"), ("ext_id", .string(String(call.customer.index))),
                                   ("template_data", .null), ("proid", .string(c.projectID)), ("taskid", .string(c.taskID))])),
            ("trans_agent", .array([])),
        ])
        let plain = data.text(.php)
        let payload: JSONOut
        let signed: String
        if encrypt {
            let cipher = try ICSOCPushCrypto.encrypt(plain, secret: secret)
            payload = .string(cipher)
            signed = cipher
        } else {
            payload = data
            signed = plain
        }
        let body: JSONOut = .object([
            ("type", 1), ("data", payload),
            ("sign", .string(ICSOCPushCrypto.sign(dataText: signed, secret: secret))),
            ("timestamp", .string(CivilTime(epoch: timestamp, offset: CivilTime.china).isoSpaced)),
        ])
        return ICSOCPush(callID: c.callID, body: body.text(.php))
    }
}
