import CallScopeKit
import CallScopeStore
import Foundation
import Testing
@testable import CallScopeTUI
@testable import CallScopeText

/// The list as a window over a real store: top, middle, end, scrolling both ways over the whole
/// range, resize, sort and find over rows never held, calls arriving above the selection. The
/// rows held are checked against the list computed in memory after every step.
@Suite("Reducer: the list as a window over the store")
struct ListWindowTests {
    typealias F = TUIFixtures

    @Test func openingReadsTheFirstRowsAndCountsTheRange() async throws {
        try await StoreDriver.with { d in
            #expect(d.inRange.count == 2871)  // 48 hours of calls a minute apart, from 10 minutes back
            #expect(d.state.list.first == 0 && d.state.list.selected == 0)
            #expect(d.state.list.calls.count < d.inRange.count)
            d.checkWindow(against: d.inRange)
            let screen = Render.screen(d.state)
            #expect(screen.line(0).contains("2,871 calls"))
            #expect(screen.line(Layout(d.state).statusRow).hasSuffix("row 1 of 2,871"))
        }
    }

    @Test func pagingDownOverTheWholeRangeHoldsAFewScreensAtATime() async throws {
        try await StoreDriver.with { d in
            var pages = 0
            while d.state.list.selected < d.inRange.count - 1 {
                try await d.press("pgdn")
                pages += 1
                d.checkWindow(against: d.inRange)
                #expect(d.state.selectedID == d.inRange[d.state.list.selected].id)
            }
            #expect(pages == (d.inRange.count - 1 + 19) / 20)
            // Back up, a half page at a time, reading the rows before the window.
            while d.state.list.selected > 0 {
                try await d.press("ctrl-u")
                d.checkWindow(against: d.inRange)
            }
            #expect(d.state.selectedID == d.inRange[0].id)
        }
    }

    @Test func bigGGoesToTheOldestCallOfTheRangeAndLittleGBack() async throws {
        try await StoreDriver.with { d in
            let readsBefore = d.reads
            try await d.press("G")
            // Two reads: the last two screens of rows (the screen shows the end), then the rows
            // before them, as the selection is near the start of those held.
            #expect(d.reads == readsBefore + 2)
            #expect(d.state.list.selected == d.inRange.count - 1)
            #expect(d.state.selectedID == "c2870")
            d.checkWindow(against: d.inRange)
            Snapshot.check(Render.screen(d.state), named: "window-end-80x24")
            // Up from the end reads the rows before the window.
            for _ in 0..<40 { try await d.press("pgup") }
            d.checkWindow(against: d.inRange)
            #expect(d.state.list.selected == d.inRange.count - 1 - 40 * 20)
            Snapshot.check(Render.screen(d.state), named: "window-middle-80x24")
            try await d.press("g")
            #expect(d.state.list.selected == 0 && d.state.list.top == 0)
            #expect(d.state.selectedID == "c0")
            d.checkWindow(against: d.inRange)
            Snapshot.check(Render.screen(d.state), named: "window-top-80x24")
            // At the end with everything held, G reads nothing.
            try await StoreDriver.with(100) { small in
                let before = small.reads
                try await small.press("G")
                #expect(small.reads == before && small.state.selectedID == "c99")
            }
        }
    }

    @Test func aResizeKeepsTheSelectionOnScreenAnywhereInTheList() async throws {
        try await StoreDriver.with { d in
            try await d.press("G")
            for _ in 0..<10 { try await d.press("pgup") }
            let selected = d.state.selectedID
            for size in [TerminalSize(rows: 12, columns: 60), F.large, F.small] {
                try await d.send(.resized(size))
                #expect(d.state.selectedID == selected)
                d.checkWindow(against: d.inRange)
            }
        }
    }

    /// Every column, each way: the rows held are those of the whole range sorted in memory, and
    /// the selection stays on its call.
    @Test func sortOrdersTheWholeRangeAndKeepsTheSelectedCall() async throws {
        try await StoreDriver.with { d in
            for _ in 0..<30 { try await d.press("pgdn") }
            let selected = try #require(d.state.selectedID)
            for _ in 0..<SortKey.allCases.count {
                try await d.press("s")
                for _ in 0..<2 {
                    let sort = d.state.list.sort.storeSort, ascending = d.state.list.ascending
                    let expected = d.inRange.sorted { a, b in Self.before(a, b, sort: sort, ascending: ascending) }
                    #expect(d.state.selectedID == selected, "\(sort) \(ascending)")
                    d.checkWindow(against: expected)
                    // Its far end too.
                    var there = d
                    try await there.press("G")
                    #expect(there.state.selectedID == expected.last?.id, "\(sort) \(ascending)")
                    there.checkWindow(against: expected)
                    try await d.press("S")
                }
            }
            #expect(d.state.list.sort == .time)
        }
    }

    /// The order the store gives a sorted list: the column's value (text by its UTF-8 bytes), then
    /// the start time and the id, all one way.
    static func before(_ a: CallRecord, _ b: CallRecord, sort: StoreSort, ascending: Bool) -> Bool {
        func rank(_ key: StoreSortKey?) -> [Int64] {
            switch key {
            case .text(let text)?: text.utf8.map(Int64.init)
            case .bytes(let bytes)?: bytes.map(Int64.init)
            case .integer(let value)?: [value]
            case nil: []
            }
        }
        let left = rank(sort.key(of: a)), right = rank(sort.key(of: b))
        if left != right { return ascending ? left.lexicographicallyPrecedes(right) : right.lexicographicallyPrecedes(left) }
        if a.startedAt != b.startedAt { return ascending ? a.startedAt! < b.startedAt! : a.startedAt! > b.startedAt! }
        return ascending ? a.id < b.id : a.id > b.id
    }

    @Test func findLandsOnACallFarOutsideTheRowsHeldAndGoesRound() async throws {
        try await StoreDriver.with { d in
            #expect(d.state.list.call(at: 2800) == nil)
            try await d.press("/")
            try await d.type("0002800")  // c2800's number, nowhere near the rows held
            #expect(d.state.selectedID == "c2800")
            #expect(d.state.list.selected == 2800)
            d.checkWindow(against: d.inRange)
            try await d.press("enter")
            // n from there: no other call has it, so the find goes round to the same call.
            try await d.press("n")
            #expect(d.state.selectedID == "c2800")
            #expect(d.state.status?.text == "find went round the end of the list")
            try await d.press("g")
            // N from the top goes round the end backwards.
            try await d.press("N")
            #expect(d.state.selectedID == "c2800")
            // A call outside the range is not found, and the selection stays where it was.
            try await d.press("/")
            try await d.type("000295")
            let before = d.state.selectedID
            try await d.type("0")
            #expect(d.state.selectedID == before)
            #expect(d.state.status?.text == "no call in the list matches “0002950”")
        }
    }

    /// Calls synced or pushed above the selection: it stays on its call and the screen does not
    /// move; at the top, the newest calls show.
    @Test func callsArrivingAboveTheSelectionKeepItAndTheScreenStill() async throws {
        try await StoreDriver.with { d in
            for _ in 0..<6 { try await d.press("pgdn") }
            try await d.press("k", "k")
            let (selected, row, top) = (d.state.selectedID, d.state.list.selected, d.state.list.top)
            let screenBefore = Render.screen(d.state).lines.dropFirst(2).prefix(Layout(d.state).visibleRows)
            let arrived = (1...7).map { n in
                var call = F.calls(1, prefix: "new\(n)-")[0]
                call.startedAt = F.now.addingTimeInterval(Double(-n))
                return call
            }
            try await d.store.ingest(arrived)
            try await d.send(.storeChanged(account: "omi"))
            #expect(d.state.selectedID == selected)
            #expect(d.state.list.selected == row + 7)
            #expect(d.state.list.top == top + 7)
            #expect(d.state.list.total == 2871 + 7)
            let screenAfter = Render.screen(d.state).lines.dropFirst(2).prefix(Layout(d.state).visibleRows)
            #expect(screenAfter == screenBefore)
            // Another account's calls change nothing here.
            let reads = d.reads
            try await d.send(.storeChanged(account: "care"))
            #expect(d.reads == reads)
            // At the top, the new calls show and the selection stays at the top.
            try await d.press("g")
            let newest = F.calls(1, prefix: "newest-")[0]
            var now = newest
            now.startedAt = F.now
            try await d.store.ingest([now])
            try await d.send(.storeChanged(account: nil))
            #expect(d.state.list.selected == 0)
            #expect(d.state.selectedID == "newest-0")
            #expect(d.state.list.total == 2871 + 8)
        }
    }

    /// A change while a read is in flight is not lost: the rows are read again once it is in.
    @Test func aChangeDuringAReadIsReadAfterIt() {
        var (s, id) = F.fetching()
        #expect(s.send(.storeChanged(account: "omi")).isEmpty)
        #expect(s.list.stale)
        let effects = s.send(.windowRead(read: id, StoreWindow(rows: F.calls(10), firstIndex: 0, total: 10)))
        #expect(effects.reads.map { $0.anchor } == [WindowAnchor.top])
        #expect(effects.reads.first?.count == true)
        #expect(!s.list.stale)
    }
}
