/// Wall-clock times in a fixed UTC offset, written and read the way the providers do.
///
/// Asia/Ho_Chi_Minh has been UTC+7 and Asia/Shanghai UTC+8 without daylight saving for decades,
/// so the simulators use fixed offsets rather than a time-zone database.
struct CivilTime: Equatable, Sendable {
    var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    static let vietnam = 7 * 3600
    static let china = 8 * 3600

    init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }

    /// The wall-clock time at epoch second `epoch` in a zone `offset` seconds east of UTC.
    init(epoch: Int64, offset: Int) {
        let local = epoch + Int64(offset)
        let days = Int(local.floorDiv(86400))
        let secs = Int(local - Int64(days) * 86400)
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d,
                  hour: secs / 3600, minute: secs / 60 % 60, second: secs % 60)
    }

    /// The epoch second of this wall-clock time in a zone `offset` seconds east of UTC.
    func epoch(offset: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = Int64(era * 146_097 + doe - 719_468)
        return days * 86400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
    }

    /// `yyyy-MM-dd HH:mm:ss` (CareSoft, ICSOC).
    var isoSpaced: String { "\(pad(year, 4))-\(pad(month))-\(pad(day)) \(pad(hour)):\(pad(minute)):\(pad(second))" }

    /// `yyyyMMddHHmmss` (CareSoft's call ids begin with it).
    var compact: String { "\(pad(year, 4))\(pad(month))\(pad(day))\(pad(hour))\(pad(minute))\(pad(second))" }

    /// `MM/dd/yyyy HH:mm:ss` (VBot's old-style dates).
    var usStyle: String { "\(pad(month))/\(pad(day))/\(pad(year, 4)) \(pad(hour)):\(pad(minute)):\(pad(second))" }

    /// Reads `yyyy-M-d H:m:s` with any single separators (`-`, `/`, `T`, space, `:`) and an
    /// optional trailing `Z`: the CareSoft document's own example writes `2022-9-11T10:00:00Z`.
    static func parse(_ text: String) -> CivilTime? {
        var trimmed = Substring(text)
        if trimmed.hasSuffix("Z") { trimmed = trimmed.dropLast() }
        let parts = trimmed.split(whereSeparator: { "-/T :".contains($0) })
        guard parts.count == 6 || parts.count == 3 else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == parts.count else { return nil }
        let t = CivilTime(year: numbers[0], month: numbers[1], day: numbers[2],
                          hour: numbers.count == 6 ? numbers[3] : 0,
                          minute: numbers.count == 6 ? numbers[4] : 0,
                          second: numbers.count == 6 ? numbers[5] : 0)
        guard (1...12).contains(t.month), (1...31).contains(t.day), (0...23).contains(t.hour),
              (0...59).contains(t.minute), (0...60).contains(t.second) else { return nil }
        return t
    }

    private func pad(_ value: Int, _ width: Int = 2) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

/// `HH:MM:SS` for a number of seconds (CareSoft's wait/hold/talk times).
func clockDuration(_ seconds: Int) -> String {
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
}

extension Int64 {
    func floorDiv(_ d: Int64) -> Int64 { self >= 0 ? self / d : (self - d + 1) / d }
}
