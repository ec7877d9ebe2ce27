import Foundation

/// RFC 3339 timestamps in UTC without fractional seconds (`2026-09-20T04:54:21Z`): the form of
/// every time in machine output.
public enum RFC3339 {
    public static func string(from date: Date) -> String {
        var writer = JSONWriter(reservingCapacity: 20)
        writer.appendTimestamp(date)
        return writer.text
    }

    /// Reads `yyyy-MM-ddTHH:mm:ss[.fff](Z|±hh:mm)` (`t`/`z`/space also accepted); fractions are dropped.
    public static func date(from text: String) -> Date? {
        var scanner = DigitScanner(text.utf8)
        guard let year = scanner.number(maxDigits: 4), year.digits == 4, scanner.skip(UInt8(ascii: "-")),
            let month = scanner.number(maxDigits: 2), scanner.skip(UInt8(ascii: "-")),
            let day = scanner.number(maxDigits: 2),
            scanner.skip(UInt8(ascii: "T")) || scanner.skip(UInt8(ascii: "t")) || scanner.skip(UInt8(ascii: " ")),
            let hour = scanner.number(maxDigits: 2), scanner.skip(UInt8(ascii: ":")),
            let minute = scanner.number(maxDigits: 2), scanner.skip(UInt8(ascii: ":")),
            let second = scanner.number(maxDigits: 2)
        else { return nil }
        if scanner.skip(UInt8(ascii: ".")) {
            guard scanner.number(maxDigits: 9) != nil else { return nil }
        }
        var offset = 0
        if scanner.skip(UInt8(ascii: "Z")) || scanner.skip(UInt8(ascii: "z")) {
            offset = 0
        } else {
            let sign: Int
            if scanner.skip(UInt8(ascii: "+")) {
                sign = 1
            } else if scanner.skip(UInt8(ascii: "-")) {
                sign = -1
            } else {
                return nil
            }
            guard let offsetHours = scanner.number(maxDigits: 2), scanner.skip(UInt8(ascii: ":")),
                let offsetMinutes = scanner.number(maxDigits: 2), offsetHours.value < 24, offsetMinutes.value < 60
            else { return nil }
            offset = sign * (offsetHours.value * 3600 + offsetMinutes.value * 60)
        }
        guard scanner.isAtEnd,
            let local = CivilCalendar.seconds(
                year: year.value, month: month.value, day: day.value,
                hour: hour.value, minute: minute.value, second: second.value)
        else { return nil }
        return Date(timeIntervalSince1970: Double(local - offset))
    }
}

extension JSONWriter {
    /// A date as an RFC 3339 UTC string value, or `null` for nil.
    public mutating func date(_ date: Date?) {
        guard let date else { return null() }
        valuePrefix()
        appendRaw(UInt8(ascii: "\""))
        appendTimestamp(date)
        appendRaw(UInt8(ascii: "\""))
    }
}
