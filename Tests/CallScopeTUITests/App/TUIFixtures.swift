import Foundation
import Testing
@testable import CallScopeKit
import CallScopeStore
@testable import CallScopeTUI

/// Accounts, calls and states for the reducer and screen tests. Everything is fixed: the clock,
/// the zones, the ids, so a screen or an effect list is the same on every run.
enum TUIFixtures {
    static let hcm = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    /// 2026-11-21 10:00:00 in Ho Chi Minh City.
    static let now = at("2026-11-21 10:00:00")

    static let small = TerminalSize(rows: 24, columns: 80)
    static let large = TerminalSize(rows: 48, columns: 160)

    /// A wall-clock time in Ho Chi Minh City.
    static func at(_ text: String, zone: TimeZone = hcm) -> Date {
        guard let date = NaiveTimestamp.date(from: text, in: zone) else { preconditionFailure("bad time \(text)") }
        return date
    }

    static func capabilities(remote: Bool = false, push: Bool = false, maxWindowDays: Int? = nil) -> ProviderCapabilities {
        ProviderCapabilities(remoteAnnotations: remote, totalCount: true, cursorPagination: false, maxWindowDays: maxWindowDays, push: push)
    }

    static let omi = AccountSummary(name: "omi", provider: .omicall, host: "omi-api.example.vn", timeZone: hcm, maxWindowDays: 3,
                                    capabilities: capabilities(remote: true, maxWindowDays: 3), lastResult: "943 calls")
    static let care = AccountSummary(name: "care", provider: .caresoft, host: "api.caresoft.example.vn", timeZone: hcm, maxWindowDays: nil,
                                     capabilities: capabilities())
    static let bot = AccountSummary(name: "bot", provider: .vbotCampaign, host: "campaign.vbot.example.vn", timeZone: hcm, maxWindowDays: 31,
                                    capabilities: capabilities(maxWindowDays: 31))
    static let crm = AccountSummary(name: "crm", provider: .vbotCRM, host: "crm.vbot.example.vn", timeZone: hcm, maxWindowDays: nil,
                                    capabilities: capabilities())
    static let icsoc = AccountSummary(name: "cn", provider: .icsoc, host: "icsoc.example.cn", timeZone: shanghai, maxWindowDays: 31,
                                      capabilities: capabilities(push: true, maxWindowDays: 31),
                                      lastResult: "failed: cn: search: HTTP 502: 网关错误")
    static let all = [omi, care, bot, crm, icsoc]

    // MARK: Calls

    /// `count` plain calls of `account`, newest first, one minute apart, ids `c0`, `c1`, …
    static func calls(_ count: Int, account: AccountSummary = omi, prefix: String = "c", start: Int = 0) -> [CallRecord] {
        (start..<(start + count)).map { n -> CallRecord in
            let inbound = n % 3 == 0
            let missed = n % 4 == 1
            let customerNumber: String = inbound ? "09" + String(10_000_000 + n).dropFirst() : "08" + String(20_000_000 + n).dropFirst()
            let started: Date = now.addingTimeInterval(-600 - 60 * Double(n))
            let talk: Int? = missed ? nil : 10 + n * 7 % 300
            return CallRecord(account: account.name, provider: account.provider, id: "\(prefix)\(n)",
                              direction: inbound ? .inbound : .outbound,
                              from: inbound ? customerNumber : "1444", to: inbound ? "1066" : customerNumber,
                              agent: "1444", agentName: "Tiến", startedAt: started, talkSeconds: talk,
                              disposition: missed ? .missed : .answered)
        }
    }

    /// The call of the spec's example: Vietnamese agent, a recording, a note, tags and raw fields.
    static let tien = CallRecord(
        account: "omi", provider: .omicall, id: "20221104143655-LSKMQKWP-268", direction: .inbound,
        from: "0901774143", to: "1066", agent: "1444", agentName: "Tiến", customerName: "Nguyễn Văn Đức",
        startedAt: at("2026-11-21 09:12:03"), answeredAt: at("2026-11-21 09:12:04"), endedAt: at("2026-11-21 09:12:27"),
        waitSeconds: 1, talkSeconds: 23, holdSeconds: 0, durationSeconds: 24, disposition: .answered, providerStatus: "answered",
        recordingURL: "https://omi-recordings.example.vn/2026/11/21/4bae18d9c8a3ab403210ae78f37ab.mp3",
        tags: ["vip", "dongy"], note: "Khách hỏi về khuyến mãi", annotationSource: .remote,
        raw: ["ticket_id": 317946, "end_status": "system", "hangup_by": "customer", "sip_user": "1444"])

    static let nhung = CallRecord(
        account: "omi", provider: .omicall, id: "20221104143512-QWERTYUI-101", direction: .outbound,
        from: "1444", to: "0868887835", agent: "1445", agentName: "Trần Thị Hồng Nhung", customerName: "Phạm Thị Ngọc Ánh",
        startedAt: at("2026-11-21 09:10:41"), durationSeconds: 31, disposition: .missed, providerStatus: "no answer",
        annotationSource: .remote, raw: ["ticket_id": 317945])

    static let chinese = CallRecord(
        account: "omi", provider: .omicall, id: "20221104142201-ZHCNTEXT-077", direction: .inbound,
        from: "02088889999", to: "1066", agent: "1446", agentName: "陈大文", customerName: "广州市天河区客户服务中心",
        startedAt: at("2026-11-21 08:58:09"), talkSeconds: 754, disposition: .answered, providerStatus: "answered",
        tags: ["广东", "回访"], note: "客户要求回电", annotationSource: .remote, raw: ["ticket_id": 317940, "area": "广东省广州市"])

    /// A caller name carrying an OSC title change, a clear-screen CSI and a C1 CSI.
    static let hostile = CallRecord(
        account: "omi", provider: .omicall, id: "20221104141000-HOSTILE0-666", direction: .inbound,
        from: "0912345678", to: "1066", agent: "1444", agentName: "\u{1B}[31mRed",
        customerName: "Evil\u{1B}]0;PWNED\u{07}\u{1B}[2J\u{9B}31mX\u{07}",
        startedAt: at("2026-11-21 08:41:55"), talkSeconds: 5, disposition: .busy,
        tags: ["\u{1B}[5mblink"], note: "line one\nline\u{1B}]52;c;ZXZpbA==\u{07}two", annotationSource: .remote,
        raw: ["ticket_id": 317939, "customer": "Evil\u{1B}]0;PWNED\u{07}"])

    static let failed = CallRecord(
        account: "omi", provider: .omicall, id: "20221104140000-FAILED00-001", direction: .internal,
        from: "1447", to: "1444", agent: "1447", customerName: "Lê Hoàng Phúc Nguyễn Đình Chiểu Thành",
        startedAt: at("2026-11-21 08:30:00"), disposition: .failed, annotationSource: .remote, raw: [:])

    static let unknown = CallRecord(
        account: "omi", provider: .omicall, id: "20221104135959-UNKNOWN0-002", direction: .unknown,
        from: "+84 901 774 143", startedAt: at("2026-11-20 23:59:59"), talkSeconds: 3725, disposition: .unknown,
        annotationSource: .remote, raw: [:])

    /// The calls of the list screens, newest first.
    static let listCalls = [tien, nhung, chinese, hostile, failed, unknown] + calls(30, prefix: "omi-", start: 100).map { c in
        var c = c
        c.startedAt = c.startedAt?.addingTimeInterval(-86400)
        return c
    }

    /// A VBot campaign call with collected data (its bot conversation is fetched on open).
    static let botCall = CallRecord(
        account: "bot", provider: .vbotCampaign, id: "vb-7788", direction: .outbound, from: "02873001234", to: "0909123456",
        customerName: "Võ Thị Sáu", startedAt: at("2026-11-21 09:30:00"), talkSeconds: 65, disposition: .answered,
        campaign: "KM-THANG-11",
        raw: ["call_collected_data": [["cfkey": "interest", "cfname": "Quan tâm", "cfvalue": "có"]]])

    // MARK: States

    /// A fresh state with the clock and zones fixed.
    static func state(accounts: [AccountSummary] = [omi], size: TerminalSize = small, keys: KeyTable = .standard) -> AppState {
        var state = AppState(accounts: accounts, size: size, displayZone: hcm, keys: keys)
        state.now = now
        return state
    }

    /// A state with `account` chosen: its first read of the store in flight and its sync
    /// started; returns the read's id.
    static func fetching(_ account: Int = 0, accounts: [AccountSummary] = [omi], size: TerminalSize = small) -> (AppState, Int) {
        var s = state(accounts: accounts, size: size)
        let effects = s.choose(account: account)
        guard let read = effects.reads.first else { preconditionFailure("no read: \(effects)") }
        return (s, read.id)
    }

    /// A state showing `calls`, the whole list (its count `total`, all of them held), its sync
    /// still running (`finished: false`) or done.
    static func loaded(_ calls: [CallRecord], total: Int? = nil, finished: Bool = true, account: Int = 0,
                       accounts: [AccountSummary] = [omi], size: TerminalSize = small) -> AppState {
        var (s, id) = fetching(account, accounts: accounts, size: size)
        _ = reduce(&s, .windowRead(read: id, StoreWindow(rows: calls, firstIndex: 0, total: total ?? calls.count)))
        // A finished sync, without the read of the store it asks for.
        if finished { s.list.sync = nil }
        return s
    }
}

/// Sends actions and keys through `reduce`, collecting every effect.
extension AppState {
    @discardableResult
    mutating func send(_ action: Action) -> [Effect] { reduce(&self, action) }

    @discardableResult
    mutating func press(_ names: String...) -> [Effect] {
        var effects: [Effect] = []
        for name in names {
            guard let key = Key(name: name) else {
                Issue.record("not a key name: \(name)")
                continue
            }
            effects += reduce(&self, .key(key))
        }
        return effects
    }

    /// Types text one character at a time (as into the find prompt or the filter form).
    @discardableResult
    mutating func type(_ text: String) -> [Effect] {
        text.flatMap { reduce(&self, .key(.char($0))) }
    }

    var selectedID: String? { selectedCall?.id }
    var ids: [String] { list.calls.map(\.id) }

    /// The read of the window in flight (its id).
    var readID: Int? { list.read?.id }
}

extension [Effect] {
    /// The syncs started.
    var syncs: [(id: Int, account: String, query: CallQuery)] {
        compactMap { if case .sync(let id, let account, let query) = $0 { (id, account, query) } else { nil } }
    }
    var cancelled: [Int] { compactMap { if case .cancelSync(let id) = $0 { id } else { nil } } }
    /// The reads of the store asked for.
    var reads: [(id: Int, query: StoreQuery, anchor: WindowAnchor, limit: Int, count: Bool)] {
        compactMap { if case .readWindow(let id, let query, let anchor, let limit, let count) = $0 { (id, query, anchor, limit, count) } else { nil } }
    }
    /// Without the store's reads and retries (where an edit stands, the provider's record,
    /// pending edits sent).
    var withoutStoreWork: [Effect] {
        filter { switch $0 { case .loadAnnotationState, .loadRecord, .syncEdits: false; default: true } }
    }
}
