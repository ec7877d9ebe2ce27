import CallScopeKit
import Foundation

/// The pieces of a report as text, shared by the TUI's `R` and `callscope report`'s table.
public enum ReportText {
    /// A bar of `value` against `maximum` in at most `width` cells: full blocks and an eighth
    /// block for the rest (`#` where the terminal cannot show blocks). Any value above zero
    /// shows at least a sliver.
    public static func bar(_ value: Int, of maximum: Int, width: Int, unicode: Bool) -> String {
        guard value > 0, maximum > 0, width > 0 else { return "" }
        let scale = unicode ? 8 : 1
        let units = max(1, Int((Double(value) / Double(maximum) * Double(width * scale)).rounded()))
        guard unicode else { return String(repeating: "#", count: units) }
        return String(repeating: "█", count: units / 8) + eighths[units % 8]
    }

    private static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The slicing a chart of `range` uses: hours up to three days, then days of `zone`.
    public static func slicing(for range: TimeRange, zone: TimeZone) -> ReportSlicing {
        range.to.timeIntervalSince(range.from) > 3 * 86400 ? .days(zone) : .hours
    }

    /// A slice's start on the viewer's clock: `24 Nov 13:00` for an hour, `Tue 24 Nov` for a day.
    public static func label(_ slice: TimeSlice, _ slicing: ReportSlicing, zone: TimeZone) -> String {
        let stamp = NaiveTimestamp.string(from: slice.start, in: zone)  // yyyy-MM-dd HH:mm:ss
        let month = months[(Int(stamp.dropFirst(5).prefix(2)) ?? 1) - 1]
        let day = "\(stamp.dropFirst(8).prefix(2)) \(month)"
        guard case .days = slicing else { return "\(day) \(stamp.dropFirst(11).prefix(5))" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return "\(weekdays[calendar.component(.weekday, from: slice.start) - 1]) \(day)"
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// `943 calls · 64.8% answered · average talk 2:13, wait 0:05`
    public static func summary(_ report: CallReport) -> String {
        var averages: [String] = []
        if let talk = report.averageTalkSeconds { averages.append("talk \(CallFormatting.duration(Int(talk.rounded())))") }
        if let wait = report.averageWaitSeconds { averages.append("wait \(CallFormatting.duration(Int(wait.rounded())))") }
        let parts = ["\(report.totals.calls) calls", "\(percent(report.answerRate)) answered"]
            + (averages.isEmpty ? [] : ["average " + averages.joined(separator: ", ")])
        return parts.joined(separator: " · ")
    }

    public static func percent(_ share: Double) -> String {
        String(format: "%.1f%%", share * 100)
    }

    /// An agent as `1444 Tiến` (`(no agent)` for the calls without one).
    public static func agent(_ entry: AgentCounts) -> String {
        guard entry.agent != nil || entry.agentName != nil else { return "(no agent)" }
        return CallFormatting.agent(CallRecord(account: "", provider: .caresoft, id: "", agent: entry.agent, agentName: entry.agentName))
    }

    /// The provider's own report, one line per part: `direction: inbound 1051, outbound 138`.
    /// Lists of `{_id, total_count}` become `id count`; anything else is shown as compact JSON.
    public static func providerLines(_ payload: JSONValue) -> [String] {
        guard let members = payload.objectMembers else { return [payload.serialized()] }
        return members.map { member in
            let name = member.key.replacingOccurrences(of: "categorized_by_", with: "").replacingOccurrences(of: "_", with: " ")
            let value: String
            if let items = member.value.arrayValue, items.allSatisfy({ $0["_id"] != nil }) {
                value = items.map { item in
                    let count = item["total_count"].map { $0.intValue.map(String.init) ?? $0.serialized() } ?? ""
                    return "\(item["_id"]?.stringValue ?? item["_id"]!.serialized()) \(count)".trimmingCharacters(in: .whitespaces)
                }.joined(separator: ", ")
            } else if let fields = member.value.objectMembers {
                value = fields.map { "\($0.key.replacingOccurrences(of: "_", with: " ")) \($0.value.serialized())" }.joined(separator: ", ")
            } else {
                value = member.value.serialized()
            }
            return Sanitizer.sanitize("\(name): \(value)")
        }
    }
}
