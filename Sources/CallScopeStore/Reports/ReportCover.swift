/// How an interval of seconds is counted from a store's running totals: the whole units (UTC
/// hours or days) it holds come from the totals kept per unit, the ragged ends shorter than a unit
/// from the calls themselves. The pieces cover every second of the interval exactly once.
package struct ReportCover: Equatable, Sendable {
    /// The numbers of the whole units inside the interval (unit n is seconds n·unit ..< (n+1)·unit).
    package var whole: ClosedRange<Int64>?
    /// The seconds before the first whole unit and after the last (each inclusive), at most two.
    package var ends: [ClosedRange<Int64>]

    package static let hour: Int64 = 3600
    package static let day: Int64 = 86_400

    package init(_ seconds: ClosedRange<Int64>, unit: Int64) {
        let first = Self.ceilingDivision(seconds.lowerBound, unit)
        let last = Self.floorDivision(seconds.upperBound, unit) - (Self.isLastSecond(seconds.upperBound, of: unit) ? 0 : 1)
        guard first <= last else {
            whole = nil
            ends = [seconds]
            return
        }
        whole = first...last
        ends = []
        if seconds.lowerBound < first * unit { ends.append(seconds.lowerBound...(first * unit - 1)) }
        if (last + 1) * unit <= seconds.upperBound { ends.append(((last + 1) * unit)...seconds.upperBound) }
    }

    /// The unit holding `second` (rounding down for times before 1970 too).
    package static func floorDivision(_ second: Int64, _ unit: Int64) -> Int64 {
        second >= 0 ? second / unit : -((-(second + 1)) / unit) - 1
    }

    private static func ceilingDivision(_ second: Int64, _ unit: Int64) -> Int64 {
        let floor = floorDivision(second, unit)
        return floor * unit == second ? floor : floor + 1
    }

    private static func isLastSecond(_ second: Int64, of unit: Int64) -> Bool {
        floorDivision(second, unit) != floorDivision(second + 1, unit)
    }
}
