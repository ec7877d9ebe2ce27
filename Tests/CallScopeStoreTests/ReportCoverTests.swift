import Testing
@testable import CallScopeStore

@Suite("How a report's interval splits between running totals and calls") struct ReportCoverTests {
    /// Every interval of a small unit around zero (so before 1970 too): the whole units and the
    /// ends cover each second exactly once, the ends are shorter than a unit and lie outside the
    /// whole units, and a unit is whole only when every second of it is in the interval.
    @Test func thePiecesCoverEverySecondOnce() {
        let unit: Int64 = 10
        for low in Int64(-35)...35 {
            for high in low...Int64(45) {
                let cover = ReportCover(low...high, unit: unit)
                var seconds = cover.ends.flatMap { Array($0) }
                #expect(cover.ends.count <= 2 && cover.ends.allSatisfy { $0.count < unit || cover.whole == nil }, "\(low)...\(high)")
                if let whole = cover.whole { for n in whole { seconds += Array((n * unit)...(n * unit + unit - 1)) } }
                #expect(seconds.sorted() == Array(low...high), "\(low)...\(high): \(cover)")
                let units = Set((low...high).map { ReportCover.floorDivision($0, unit) })
                let wholeUnits = units.filter { n in (low...high).contains(n * unit) && (low...high).contains(n * unit + unit - 1) }
                #expect(Set(cover.whole.map(Array.init) ?? []) == wholeUnits, "\(low)...\(high)")
            }
        }
    }
}
