import CallScopeKit
import CallScopeStore
import Foundation
import Testing
@testable import CallScopeTUI

/// Calls of the last day with Vietnamese (and one Chinese, one hostile) agent names, kept in a
/// real store, and the reports the store makes of them for what `R` asks.
enum ReportFixtures {
    typealias F = TUIFixtures

    static let agents: [(String?, String?)] = [
        ("1444", "Tiến"), ("1445", "Trần Thị Hồng Nhung"), ("1446", "陈大文"), ("1447", "Nguyễn Đình Chiểu Thành Phúc Lộc Thọ"),
        (nil, nil), ("1448", "\u{1B}[31mĐỗ Ngọc Ánh"), ("1001", "Võ Thị Sáu"),
    ]

    /// 90 calls, newest first, from 10 minutes to about 22 hours before `F.now`.
    static let calls: [CallRecord] = (0..<90).map { n in
        let agent = agents[(n * n + n / 3) % agents.count]
        return CallRecord(account: "omi", provider: .omicall, id: "rep-\(n)", direction: Direction.allCases[(n * 5 / 3) % 4],
                          from: n % 2 == 0 ? "09\(10_000_000 + n)" : "1444", to: n % 2 == 0 ? "1066" : "08\(20_000_000 + n)",
                          agent: agent.0, agentName: agent.1, startedAt: F.now.addingTimeInterval(-600 - Double(n * n) * 9.5),
                          waitSeconds: n % 4 == 0 ? nil : n % 17, talkSeconds: n % 3 == 0 ? nil : 30 + n * 11,
                          disposition: [.answered, .answered, .missed, .answered, .busy, .failed, .missed, .unknown][n % 8])
    }

    /// A store holding `calls` (in a folder removed afterwards).
    static func withStore<T>(_ body: (CallStore) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-tui-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try CallStore(dataDirectory: folder)
        try await store.ingest(calls)
        return try await body(store)
    }

    /// What the controller does for a `.report` effect, offline: the store's count.
    static func made(_ effects: [Effect], store: CallStore) async throws -> (id: Int, report: CallReport) {
        guard case .report(let id, let account, let query, let text, let slicing)? = effects.last else {
            preconditionFailure("no report effect: \(effects)")
        }
        var filters = StoreQuery(account: account, query: query, includeRaw: false)
        filters.text = text
        let report = try await store.report(filters, range: TimeRange(from: query.from, to: query.to), provider: .omicall, slicing: slicing)
        return (id, report)
    }

    /// The list of `calls` with the report open and made.
    static func reported(size: TerminalSize, store: CallStore, unicode: Bool = true) async throws -> AppState {
        var state = F.loaded(calls, size: size)
        state.unicode = unicode
        let (id, report) = try await made(state.press("R"), store: store)
        state.send(.reportUpdated(report: id, .done(report)))
        return state
    }
}
