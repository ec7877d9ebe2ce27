import NIOCore

extension Int64 {
    /// `value` without its fraction, or the nearest end of `Int64` when it does not fit (NaN: 0):
    /// a number from outside (a header, a config value, a row) converted without a trap.
    public static func clamped(_ value: Double) -> Int64 {
        if let exact = Int64(exactly: value.rounded(.towardZero)) { return exact }
        if value.isNaN { return 0 }
        return value < 0 ? .min : .max
    }
}

extension Duration {
    /// `seconds` as a duration, at most `longest` (not finite or negative: `longest` and zero).
    public static func seconds(clamping seconds: Double, to longest: Duration) -> Duration {
        guard !seconds.isNaN else { return longest }
        let limit = Double(longest.components.seconds) + Double(longest.components.attoseconds) / 1e18
        return seconds >= limit ? longest : .milliseconds(Int64.clamped(Swift.max(0, seconds) * 1000))
    }
}

extension TimeAmount {
    /// A timeout of `seconds` (a config value), whole milliseconds, never a trap.
    public static func seconds(clamping seconds: Double) -> TimeAmount {
        .milliseconds(Int64.clamped(Swift.max(0, seconds) * 1000))
    }
}
