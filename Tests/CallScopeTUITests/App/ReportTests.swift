import CallScopeKit
import CallScopeStore
import Foundation
import Testing
@testable import CallScopeTUI

@Suite("Reducer: the report (R)")
struct ReportTests {
    typealias F = TUIFixtures
    typealias R = ReportFixtures

    @Test func rAsksForTheReportOfTheFilterInForceAndEscCancelsIt() throws {
        var s = F.loaded(R.calls)
        s.filter.agent = "1444"
        let effects = s.press("R")
        #expect(s.overlay == .report)
        guard case .report(let id, "omi", let query, nil, .hours)? = effects.last else { Issue.record("\(effects)"); return }
        #expect(query == s.filter.query(zone: F.hcm, now: F.now))
        #expect(query.agent == "1444")
        // Cancelled like a fetch: Esc (or Ctrl-C) stops it and closes the overlay.
        #expect(s.press("esc") == [.cancelReport(id: id)])
        #expect(s.overlay == .none && s.report.shown == nil)
        #expect(s.status?.text == "report cancelled")
        s.press("R")
        #expect(s.press("ctrl-c").contains { if case .cancelReport = $0 { true } else { false } })
        #expect(!s.quitting && s.overlay == .none)
    }

    @Test func aLongRangeIsChartedByDayAndLateAnswersAreDropped() throws {
        var s = F.loaded(R.calls)
        s.filter.from = "-7d"
        guard case .report(let first, _, _, _, .days(let zone))? = s.press("R").last else { Issue.record("no report by day"); return }
        #expect(zone == F.hcm)
        s.press("esc")
        guard case .report(let second, _, _, _, _)? = s.press("R").last else { return }
        let empty = CallReport(account: "omi", provider: .omicall, range: TimeRange(from: F.now, to: F.now), totals: CallCounts(),
                               waitSeconds: 0, callsWithWait: 0, byDisposition: [:], byDirection: [:], byAgent: [], slices: [], slicing: .hours)
        s.send(.reportUpdated(report: first, .done(empty)))
        #expect(s.report.shown?.report == nil)
        s.send(.reportUpdated(report: second, .done(empty)))
        s.send(.reportUpdated(report: second, .running(fetched: 500)))  // a page's count after the report
        #expect(s.report.shown?.report == empty)
        // Done: Esc closes without cancelling anything.
        #expect(s.press("esc").isEmpty && s.overlay == .none)
    }

    /// Enter on any row lists exactly the calls that row counts: each row's filter, read from the
    /// store as the offline list reads it, has the row's number of calls.
    @Test func drillDownGivesExactlyTheCallsOfTheRow() async throws {
        try await R.withStore { store in
            let base = try await R.reported(size: F.small, store: store)
            let shown = try #require(base.report.shown)
            let report = try #require(shown.report)
            #expect(shown.targets.count == 5 + 4 + report.byAgent.count + report.slices.count)
            for (index, target) in shown.targets.enumerated() {
                var s = base
                s.selectTarget(index)
                let effects = s.press("enter")
                let expected: Int
                switch target {
                case .disposition(let d): expected = report.byDisposition[d]!.calls
                case .direction(let d): expected = report.byDirection[d]!.calls
                case .agent(nil, _):
                    #expect(effects.syncs.isEmpty && s.overlay == .report)
                    #expect(s.status?.text == "the list cannot be filtered to calls without an agent")
                    continue
                case .agent(let agent, _): expected = report.byAgent.first { $0.agent == agent }!.counts.calls
                case .slice(let from, _): expected = report.slices.first { max($0.start, report.range.from) == from }!.counts.calls
                }
                #expect(s.overlay == .none)
                let fetch = try #require(effects.syncs.first, "\(target)")
                let listed = try await store.count(StoreQuery(account: "omi", query: fetch.query, includeRaw: false))
                #expect(listed == expected, "\(target)")
                if case .slice(let from, let to) = target { #expect(fetch.query.from == from && fetch.query.to == to) }
            }
            #expect(report.byAgent.contains { $0.agent == nil } && report.slices.contains { $0.counts.calls == 0 })
        }
    }

    /// The filter form shows the drill-down; Esc on the list puts the filter before it back.
    @Test func escUndoesADrillDown() async throws {
        try await R.withStore { store in
            var s = try await R.reported(size: F.small, store: store)
            let before = s.filter
            s.press("down", "down", "down", "down", "down")  // past the dispositions: the first agent
            #expect(s.report.shown?.targets[s.report.shown!.selected] == .agent("1447", name: "Nguyễn Đình Chiểu Thành Phúc Lộc Thọ"))
            let effects = s.press("enter")
            #expect(effects.syncs.first?.query.agent == "1447")
            #expect(s.status?.text.hasPrefix("from the report: agent 1447 Nguyễn Đình") == true)
            #expect(s.filter.from == "2026-11-20T10:00:00+07:00" && s.filter.to == "2026-11-21T10:00:00+07:00")
            s.send(.syncFinished(sync: effects.syncs[0].id, calls: 0))
            s.press("f")
            #expect(s.form?["agent"] == "1447" && s.form?["from"] == "2026-11-20T10:00:00+07:00")
            s.press("esc")
            // Esc on the list: the filter before the drill-down, fetched again.
            let undone = s.press("esc")
            #expect(s.filter == before)
            #expect(undone.syncs.first?.query.agent == nil)
            s.send(.syncFinished(sync: undone.syncs[0].id, calls: 0))
            #expect(s.press("esc").syncs.isEmpty)  // nothing more to undo
        }
    }

    @Test func aFilterChangedSinceTheDrillDownIsNotUndone() async throws {
        try await R.withStore { store in
            var s = try await R.reported(size: F.small, store: store)
            s.press("right", "enter")  // inbound
            #expect(s.filter.direction == "inbound")
            s.send(.syncFinished(sync: s.list.sync!.id, calls: 0))
            s.press("f", "tab", "tab", "tab")
            s.type("0901")
            let fetch = s.press("enter").syncs
            s.send(.syncFinished(sync: fetch[0].id, calls: 0))
            #expect(s.press("esc").syncs.isEmpty)
            #expect(s.filter.phone == "0901" && s.filter.direction == "inbound")
        }
    }

    @Test func aReportOfASearchCountsItButDoesNotFilter() async throws {
        try await R.withStore { store in
            var s = F.loaded(R.calls)
            s.press("F")
            s.type("tiến")
            s.press("enter")
            let (id, report) = try await R.made(s.press("R"), store: store)
            #expect(s.report.shown?.text == "tiến")
            s.send(.reportUpdated(report: id, .done(report)))
            #expect(report.byAgent.map(\.agent) == ["1444"])
            #expect(s.press("enter").isEmpty && s.overlay == .report)
            #expect(s.status?.text.contains("esc the search") == true)
        }
    }

    /// Dispositions and directions are two columns; the agents and the hours follow; the list
    /// scrolls to keep the selection on an 80×24 screen.
    @Test func movingThroughTheReport() async throws {
        try await R.withStore { store in
            var s = try await R.reported(size: F.small, store: store)
            func selected() -> ReportTarget? { s.report.shown.map { $0.targets[$0.selected] } }
            s.press("right")
            #expect(selected() == .direction(.inbound))
            s.press("down", "down", "down")
            #expect(selected() == .direction(.unknown))
            s.press("down")
            #expect(selected() == .agent("1447", name: "Nguyễn Đình Chiểu Thành Phúc Lộc Thọ"))
            s.press("up")
            #expect(selected() == .disposition(.unknown))
            s.press("left")
            #expect(selected() == .disposition(.unknown))
            s.press("G")
            guard case .slice(_, let to)? = selected() else { Issue.record("\(String(describing: selected()))"); return }
            #expect(to == F.now)
            let layout = ReportLayout(size: s.size, shown: s.report.shown!)
            let (pane, row) = try #require(layout.position(of: s.report.shown!.selected))
            #expect(row - s.report.shown!.tops[pane] < layout.panes[pane].rect.rows)
            s.press("g")
            #expect(selected() == .disposition(.answered) && s.report.shown?.tops == [0, 0])
        }
    }
}
