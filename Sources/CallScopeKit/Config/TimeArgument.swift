import Foundation

/// Which end of a range a `--from`/`--to` value is: a bare date means the start of that day as
/// `--from` and its last second (23:59:59) as `--to`, since both bounds are inclusive.
public enum TimeBound: String, Sendable, Hashable {
    case from
    case to

    /// The option's spelling in messages.
    public var option: String { "--\(rawValue)" }
}

/// A `--from`/`--to` value that is none of the accepted forms, or a range that ends before it starts.
public struct TimeArgumentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `--from` or `--to`.
    public var option: String
    public var value: String
    public var reason: String

    public init(option: String, value: String, reason: String) {
        self.option = option
        self.value = value
        self.reason = reason
    }

    public static let acceptedForms =
        "RFC 3339 (2026-09-20T04:54:21Z, 2026-09-20T11:54:21+07:00), a date (2026-09-20), "
        + "a date and time in the account's zone (2026-09-20 11:54), a relative time (-30m, -24h, -7d, -2w) or now"

    public var description: String {
        "\(option) \"\(value)\": \(reason)"
    }

    /// Command-line usage error.
    public var exitCode: Int32 { 2 }
}

/// An inclusive range of instants: a call that starts exactly at `to` is in it.
public struct TimeRange: Sendable, Hashable, CustomStringConvertible {
    public var from: Date
    public var to: Date

    public init(from: Date, to: Date) {
        self.from = from
        self.to = to
    }

    public func contains(_ date: Date) -> Bool { from <= date && date <= to }

    public var description: String { "\(RFC3339.string(from: from))…\(RFC3339.string(from: to))" }

    /// How far back the range reaches when neither bound is given.
    public static let defaultLength: TimeInterval = 24 * 3600
}

/// Parsing of `--from`/`--to` (cli-and-config.md, `callscope calls`).
///
/// Accepted:
/// - RFC 3339 with `Z` or an offset (fractions dropped): an absolute instant;
/// - `YYYY-MM-DD`, a day in `zone` (the account's zone): 00:00:00 as `--from`, 23:59:59 as `--to`;
/// - `YYYY-MM-DD HH:MM[:SS]` (or with `T`), a wall-clock time in `zone`;
/// - `-N` followed by `s`, `m`, `h`, `d` or `w` (seconds, minutes, hours, days of 24 hours, weeks):
///   that long before `now`;
/// - `now`.
public enum TimeArgument {
    /// The instant `text` names.
    public static func parse(_ text: String, as bound: TimeBound, in zone: TimeZone, now: Date) throws(TimeArgumentError) -> Date {
        let value = text.trimmingCharacters(in: .whitespaces)
        func failure(_ reason: String) -> TimeArgumentError {
            TimeArgumentError(option: bound.option, value: text, reason: reason)
        }
        if value.isEmpty { throw failure("empty; expected \(TimeArgumentError.acceptedForms)") }
        if value.lowercased() == "now" { return wholeSeconds(now) }

        if let first = value.first, first == "-" || first == "+" || first.isNumber, let unit = value.last, unit.isLetter,
            !value.contains(":")
        {
            return try relative(value, now: now, failure: failure)
        }

        if let instant = RFC3339.date(from: value) { return instant }

        if let day = calendarDay(value) {
            guard let local = CivilCalendar.seconds(year: day.year, month: day.month, day: day.day, hour: 0, minute: 0, second: 0) else {
                throw failure("there is no such date")
            }
            switch bound {
            case .from: return NaiveTimestamp.instant(localSeconds: local, in: zone)
            case .to:
                // The last second of the day, found as one second before the next day starts, so that
                // days with a daylight-saving change end where their wall clock does.
                let nextDay = NaiveTimestamp.instant(localSeconds: local + 86_400, in: zone)
                return nextDay.addingTimeInterval(-1)
            }
        }

        if value.utf8.count >= 10, value.utf8.prefix(4).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            value.utf8.dropFirst(4).first == UInt8(ascii: "-")
        {
            if let local = NaiveTimestamp.localSeconds(from: value) {
                return NaiveTimestamp.instant(localSeconds: local, in: zone)
            }
            throw failure("not a valid date and time; expected \(TimeArgumentError.acceptedForms)")
        }
        throw failure("not a time; expected \(TimeArgumentError.acceptedForms)")
    }

    /// The range of `from` and `to`; missing bounds default to the last 24 hours: `to` = now,
    /// `from` = `to` − 24 h.
    public static func range(from: String?, to: String?, in zone: TimeZone, now: Date) throws(TimeArgumentError) -> TimeRange {
        var end = wholeSeconds(now)
        if let to { end = try parse(to, as: .to, in: zone, now: now) }
        var start = end.addingTimeInterval(-TimeRange.defaultLength)
        if let from { start = try parse(from, as: .from, in: zone, now: now) }
        guard start <= end else {
            throw TimeArgumentError(
                option: "--from", value: from ?? RFC3339.string(from: start),
                reason: "is after --to (\(RFC3339.string(from: end))): the range is empty")
        }
        return TimeRange(from: start, to: end)
    }

    // MARK: private

    private static func relative(_ value: String, now: Date, failure: (String) -> TimeArgumentError) throws(TimeArgumentError) -> Date {
        guard value.hasPrefix("-") else {
            if value.hasPrefix("+") { throw failure("a relative time reaches into the past: write -\(value.dropFirst())") }
            throw failure("a relative time starts with a minus sign: did you mean -\(value)?")
        }
        let digits = value.dropFirst().dropLast()
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 9, let amount = Int(digits) else {
            throw failure("a relative time is a whole number and a unit, e.g. -30m, -24h, -7d")
        }
        let unitSeconds: Int
        switch value.last {
        case "s": unitSeconds = 1
        case "m": unitSeconds = 60
        case "h": unitSeconds = 3600
        case "d": unitSeconds = 86_400
        case "w": unitSeconds = 7 * 86_400
        default: throw failure("unknown unit \"\(value.last.map(String.init) ?? "")\"; use s, m, h, d or w (-30m, -24h, -7d)")
        }
        return wholeSeconds(now).addingTimeInterval(-Double(amount * unitSeconds))
    }

    /// `YYYY-MM-DD` exactly (digits only checked here; the date itself later).
    private static func calendarDay(_ value: String) -> (year: Int, month: Int, day: Int)? {
        let bytes = Array(value.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var result = 0
            for byte in bytes[range] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                result = result * 10 + Int(byte - 0x30)
            }
            return result
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        return (year, month, day)
    }

    private static func wholeSeconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}
