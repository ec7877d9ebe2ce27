import Foundation

/// Wall-clock timestamps without an offset, read in the provider's IANA zone.
///
/// Accepted shapes: `yyyy-MM-dd HH:mm:ss` (also with `T` between date and time) and
/// `MM/dd/yyyy HH:mm:ss` (month and day may have one digit); seconds may be missing or carry
/// a fraction (ignored), and a date alone is midnight. Digits are read by hand and the zone's
/// offset comes from `TimeZone`, so no formatter is built per record.
public enum NaiveTimestamp {
    /// The instant the wall-clock `text` names in `zone`; nil when it is not one of the shapes
    /// above or names no real date (month 13, 31 February).
    public static func date(from text: String, in zone: TimeZone) -> Date? {
        guard let local = localSeconds(from: text) else { return nil }
        return instant(localSeconds: local, in: zone)
    }

    /// True for MySQL-style zero dates (`0000-00-00 00:00:00`): "no time", like an epoch of 0.
    public static func isZeroDate(_ text: String) -> Bool {
        var sawZero = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0"): sawZero = true
            case UInt8(ascii: "1")...UInt8(ascii: "9"): return false
            default: continue
            }
        }
        return sawZero
    }

    /// The wall clock as seconds since 1970-01-01T00:00:00 of the same wall clock in UTC.
    static func localSeconds(from text: String) -> Int? {
        var scanner = DigitScanner(text.utf8)
        guard let first = scanner.number(maxDigits: 4) else { return nil }
        let year: Int
        let month: Int
        let day: Int
        if first.digits == 4, scanner.skip(UInt8(ascii: "-")) {
            guard let monthField = scanner.number(maxDigits: 2), scanner.skip(UInt8(ascii: "-")),
                let dayField = scanner.number(maxDigits: 2)
            else { return nil }
            (year, month, day) = (first.value, monthField.value, dayField.value)
        } else if first.digits <= 2, scanner.skip(UInt8(ascii: "/")) {
            guard let dayField = scanner.number(maxDigits: 2), scanner.skip(UInt8(ascii: "/")),
                let yearField = scanner.number(maxDigits: 4), yearField.digits == 4
            else { return nil }
            (year, month, day) = (yearField.value, first.value, dayField.value)
        } else {
            return nil
        }
        var hour = 0
        var minute = 0
        var second = 0
        if scanner.skip(UInt8(ascii: " ")) || scanner.skip(UInt8(ascii: "T")) {
            guard let hourField = scanner.number(maxDigits: 2), scanner.skip(UInt8(ascii: ":")),
                let minuteField = scanner.number(maxDigits: 2)
            else { return nil }
            hour = hourField.value
            minute = minuteField.value
            if scanner.skip(UInt8(ascii: ":")) {
                guard let secondField = scanner.number(maxDigits: 2) else { return nil }
                second = secondField.value
                if scanner.skip(UInt8(ascii: ".")) {
                    guard scanner.number(maxDigits: 9) != nil else { return nil }
                }
            }
        }
        guard scanner.isAtEnd else { return nil }
        return CivilCalendar.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// The instant at which `zone`'s wall clock shows `localSeconds`. In a DST overlap this is
    /// the later of the two; in a DST gap, the wall clock shifted by the gap.
    static func instant(localSeconds: Int, in zone: TimeZone) -> Date {
        let firstOffset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(localSeconds)))
        let guess = localSeconds - firstOffset
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(guess)))
        return Date(timeIntervalSince1970: Double(localSeconds - offset))
    }
}

/// Reads runs of ASCII digits and single separators from UTF-8 text.
struct DigitScanner {
    private let utf8: String.UTF8View
    private var index: String.UTF8View.Index

    init(_ utf8: String.UTF8View) {
        self.utf8 = utf8
        index = utf8.startIndex
    }

    var isAtEnd: Bool { index == utf8.endIndex }

    /// Reads 1...maxDigits digits; nil (nothing consumed) when there is no digit here.
    mutating func number(maxDigits: Int) -> (value: Int, digits: Int)? {
        var value = 0
        var digits = 0
        while digits < maxDigits, index != utf8.endIndex {
            let byte = utf8[index]
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { break }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
            utf8.formIndex(after: &index)
        }
        return digits == 0 ? nil : (value, digits)
    }

    /// Consumes `byte` if it is next.
    mutating func skip(_ byte: UInt8) -> Bool {
        guard index != utf8.endIndex, utf8[index] == byte else { return false }
        utf8.formIndex(after: &index)
        return true
    }
}

extension NaiveTimestamp {
    /// `yyyy-MM-dd HH:mm:ss` of `date` on the wall clock of `zone` (how ICSOC wants its bounds).
    public static func string(from date: Date, in zone: TimeZone) -> String {
        let seconds = Int(EpochTime.wholeSeconds(date)) + zone.secondsFromGMT(for: date)
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let (y, m, d) = CivilCalendar.date(days: days)
        let s = seconds - days * 86400
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d)) \(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))"
    }
}
