extension FixedWidthInteger {
    /// `self + other`, or the nearest end of the type where the sum would overflow: sums over
    /// numbers someone else wrote (a provider's totals, a team store's rows, a `Content-Length`)
    /// stay numbers, never a trap.
    public func addingSaturated(_ other: Self) -> Self {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }
}
