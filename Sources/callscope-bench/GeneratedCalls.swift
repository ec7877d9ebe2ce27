import CallScopeKit
import CallScopeSandbox
import Foundation

/// Deterministic calls for the store benchmark: Vietnamese names with diacritics, Vietnamese
/// and Chinese numbers, Chinese place names, notes and tags, and a raw object the size of a
/// CareSoft record. Call `i` starts before call `i - 1` (a year back from `anchor`).
struct GeneratedCalls {
    let account: String
    let count: Int
    /// The newest call's time: when the bench runs, so that a TUI opened on the store (its
    /// default range is the last 24 hours) has calls to show.
    let anchor = Date()

    static let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
    static let middles = ["Văn", "Thị", "Minh", "Hữu", "Đức", "Thanh", "Ngọc", "Quốc", "Gia", "Xuân"]
    static let givens = ["An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hằng", "Hiếu", "Hồng", "Hùng", "Khánh", "Lan",
                         "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Tiến", "Trang", "Tuấn", "Vy", "Yến"]
    static let chineseNames = ["王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "黄丽", "赵强", "周杰", "吴芳"]
    static let places = ["广东省深圳市", "广东省广州市", "北京市朝阳区", "上海市浦东新区", "浙江省杭州市", "四川省成都市", "江苏省南京市", "湖北省武汉市"]
    static let notes = ["Khách hỏi về khuyến mãi", "Hẹn gọi lại sau 15h", "Khách phàn nàn về cước", "Đã tư vấn gói cước mới", "客户要求回电"]
    static let tags = ["vip", "dongy", "gọi lại", "khiếu nại", "回访"]

    func call(_ i: Int) -> CallRecord {
        // The seed mixed as the bench always did, so stores built before and after are the same calls.
        var rng = SeededRandom(seed: UInt64(i) &* 0x9E37_79B9_7F4A_7C15 &+ 0x1234_5678)
        let chinese = rng.next() % 5 == 0
        let start = anchor.addingTimeInterval(-(Double(i) * 365 * 86400 / Double(max(count, 1))) - Double(rng.next() % 30))
        let talk = Int(rng.next() % 600)
        let customer = chinese ? rng.pick(Self.chineseNames) : "\(rng.pick(Self.families)) \(rng.pick(Self.middles)) \(rng.pick(Self.givens))"
        let number = chinese ? "13\(rng.digits(9))" : "09\(rng.digits(8))"
        let agent = "\(1000 + rng.next() % 60)"
        let id = "\(20_260_000_000_000 + i)-BENCH"
        let note = rng.next() % 4 == 0 ? rng.pick(Self.notes) : nil
        let tags = rng.next() % 3 == 0 ? [rng.pick(Self.tags)] : []
        let campaign = chinese ? rng.pick(Self.places) : nil
        let raw: JSONValue = [
            "call_id": .string(id), "caller": .string(number), "called": "19001234", "agent_id": .string(agent),
            "customer_name": .string(customer), "start_time": .string(RFC3339.string(from: start)),
            "end_time": .string(RFC3339.string(from: start.addingTimeInterval(Double(talk + 20)))), "call_type": 0,
            "call_status": talk > 0 ? "meetAgent" : "miss", "wait_time": "00:00:12", "talk_time": "00:03:21", "hold_time": "00:00:00",
            "path": .string("https://recordings.example.com/\(id).mp3"), "service_id": 1042, "ivr_call_type": "normal",
            "area": campaign.map(JSONValue.string) ?? .null,
        ]
        return CallRecord(account: account, provider: .caresoft, id: id, direction: rng.next() % 4 == 0 ? .outbound : .inbound,
                          from: number, to: "19001234", agent: agent, agentName: "Agent \(agent)", customerName: customer,
                          startedAt: start, endedAt: start.addingTimeInterval(Double(talk + 20)), waitSeconds: 12, talkSeconds: talk,
                          durationSeconds: talk + 20, disposition: talk > 0 ? .answered : .missed,
                          providerStatus: talk > 0 ? "meetAgent" : "miss", recordingURL: "https://recordings.example.com/\(id).mp3",
                          campaign: campaign, tags: tags, note: note, raw: raw)
    }
}
