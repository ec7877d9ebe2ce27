/// How an ICSOC predictive-dialling call looks, shared by the search API and the CDR push (which
/// write the same facts under camelCase and snake_case names).
struct ICSOCCall {
    let call: SimCall
    let callID: String
    let projectID: String
    let taskID: String

    /// 0 the customer never answered, 1 the customer answered but no agent was connected, 2 both.
    var callResult: Int {
        switch call.outcome {
        case .answered: 2
        case .cancelled: 1
        default: 0
        }
    }

    var endResult: Int { call.salt % 3 == 0 ? 11 : 12 }
    var caller: String { "0\(10 + call.salt % 10)1234567\(call.salt % 10)" }
    var area: (code: String, name: String) { Vocabulary.chineseAreas[call.customer.index % Vocabulary.chineseAreas.count] }
    var vendor: String { ["MOBILE", "UNICOM", "TELECOM"][Int(call.salt % 3)] }
    var agentPhone: String { callResult == 2 ? call.agent.extensionNumber : "" }
    var ringTime: Int64 { call.outcome == .failed ? 0 : call.start + 2 }
    var customerAnswer: Int64 { callResult >= 1 ? call.start + Int64(max(1, call.waitSeconds - 2)) : 0 }
    var customerSeconds: Int { callResult >= 1 ? Int(call.end - customerAnswer) : 0 }
    var agentStart: Int64 { callResult == 2 ? customerAnswer + 1 : 0 }
    var agentRing: Int64 { callResult == 2 ? agentStart + 1 : 0 }
    var agentAnswer: Int64 { callResult == 2 ? call.answeredAt! : 0 }
    var agentEnd: Int64 { callResult == 2 ? call.end : 0 }
}

extension CallStream {
    /// ICSOC's call ids are 19-digit snowflake-like numbers that grow with time, so the newest
    /// call has the largest id and `searchAfter` is the last id of a page.
    static let icsocIDBase: Int64 = 6_780_056_666_542_059_520
    static let icsocIDStep: Int64 = 7919

    func icsocCallID(_ index: Int) -> String { String(Self.icsocIDBase + Int64(count - index) * Self.icsocIDStep) }

    func icsocIndex(of callID: String) -> Int? {
        guard let id = Int64(callID), id > Self.icsocIDBase, (id - Self.icsocIDBase) % Self.icsocIDStep == 0 else { return nil }
        let index = count - Int((id - Self.icsocIDBase) / Self.icsocIDStep)
        return (0..<count).contains(index) ? index : nil
    }

    func icsocCall(_ index: Int, projectID: String) -> ICSOCCall {
        let call = self.call(index)
        let projects = [projectID, projectID, "10195"]
        return ICSOCCall(call: call, callID: icsocCallID(index), projectID: projects[Int(call.salt % 3)],
                         taskID: ["13", "7", "21"][Int(call.salt / 3 % 3)])
    }
}
