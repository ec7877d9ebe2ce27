/// How often `--follow` (or `follow =` in the config) brings the newest calls into the store: a
/// whole number and a unit, `30s`, `5m`, `1h`.
public struct FollowInterval: Sendable, Hashable, CustomStringConvertible {
    public let seconds: Int

    /// Shorter would ask a provider every few seconds for the same hour of calls (CareSoft allows
    /// 15 requests a second to the whole account, every user of it together).
    public static let shortest = 5
    public static let longest = 86_400

    /// `30s`, `5m`, `2h`; anything else fails with the reason.
    public static func parse(_ text: String) -> Result<FollowInterval, FollowIntervalError> {
        let value = text.trimmingCharacters(in: .whitespaces)
        let digits = value.dropLast()
        guard let unit = value.last, !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let amount = Int(digits) else {
            return .failure(FollowIntervalError(value: text, reason: "a whole number and a unit, e.g. 30s, 5m, 1h"))
        }
        let unitSeconds: Int
        switch unit {
        case "s": unitSeconds = 1
        case "m": unitSeconds = 60
        case "h": unitSeconds = 3600
        default: return .failure(FollowIntervalError(value: text, reason: "unknown unit \"\(unit)\"; use s, m or h (30s, 5m, 1h)"))
        }
        let (seconds, overflow) = amount.multipliedReportingOverflow(by: unitSeconds)
        guard !overflow, (shortest...longest).contains(seconds) else {
            return .failure(FollowIntervalError(value: text, reason: "must be from \(shortest)s to \(longest / 3600)h"))
        }
        return .success(FollowInterval(seconds: seconds))
    }

    private init(seconds: Int) { self.seconds = seconds }

    public var duration: Duration { .seconds(seconds) }

    /// In the largest unit that divides it: `30s`, `90s`, `5m`, `1h`.
    public var description: String {
        if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }
}

/// A `--follow` / `follow` value that is not an interval callscope follows at.
public struct FollowIntervalError: Error, Sendable, Hashable, CustomStringConvertible {
    public var value: String
    public var reason: String

    public var description: String { "\"\(value)\": \(reason)" }
}
