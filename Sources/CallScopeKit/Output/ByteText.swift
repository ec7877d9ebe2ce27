/// Numbers and times appended as UTF-8 text straight into a byte buffer, without a String
/// between: the JSON and CSV writers' path for a million rows.
extension [UInt8] {
    /// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the times four year digits can write.
    private static var firstTimestamp: Int { -62_167_219_200 }
    private static var lastTimestamp: Int { 253_402_300_799 }

    /// `value` in decimal.
    mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digitCount = 1
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            digitCount += 1
        }
        let start = count
        append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digitCount))
        var position = start + digitCount - 1
        repeat {
            self[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            position -= 1
        } while magnitude > 0
    }

    /// `value` in decimal, zero-padded to `width` digits (for dates).
    mutating func appendPadded(_ value: Int, width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            append(UInt8(ascii: "0") + UInt8((rest / divisor) % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    /// `yyyy-MM-ddTHH:mm:ssZ` (RFC 3339, UTC) for whole seconds since 1970. A time outside the
    /// years 0000-9999 (only a row someone else wrote holds one) is written as the nearest end.
    mutating func appendTimestamp(seconds unbounded: Int) {
        let seconds = Swift.min(Self.lastTimestamp, Swift.max(Self.firstTimestamp, unbounded))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let civil = CivilCalendar.date(days: days)
        appendPadded(civil.year, width: 4)
        append(UInt8(ascii: "-"))
        appendPadded(civil.month, width: 2)
        append(UInt8(ascii: "-"))
        appendPadded(civil.day, width: 2)
        append(UInt8(ascii: "T"))
        appendPadded(secondOfDay / 3600, width: 2)
        append(UInt8(ascii: ":"))
        appendPadded(secondOfDay / 60 % 60, width: 2)
        append(UInt8(ascii: ":"))
        appendPadded(secondOfDay % 60, width: 2)
        append(UInt8(ascii: "Z"))
    }
}
