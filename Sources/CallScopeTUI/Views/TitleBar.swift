import CallScopeKit
import Foundation

/// ` callscope · omi (omicall) · 14 Nov 00:00 → 21 Nov 23:59 · 943 calls · ⟳ page 3/19     ? help`
enum TitleBar {
    static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        let style = Style(.title, attributes: .bold)
        buffer.fill(Rect(row: 0, column: 0, rows: 1, columns: buffer.columns), style: style)
        var parts = ["callscope"]
        var range: Int?
        if let account = state.account {
            parts.append("\(account.name) (\(account.provider.rawValue))")
            if let text = state.search.active {
                parts.append("search: \(text)")
            } else if let query = state.filter.query(zone: account.timeZone, now: state.now) {
                range = parts.count
                parts.append("\(short(query.from, state.displayZone)) → \(short(query.to, state.displayZone))")
            }
            parts.append(countText(state.list))
            if state.offline { parts.append("offline") }
            if state.list.loading {
                let page = state.list.pages.map { " page \(state.list.page)/\($0)" } ?? " page \(state.list.page)"
                let window = state.list.windows > 1 ? " window \(state.list.window)/\(state.list.windows)" : ""
                // No progress before the first page.
                parts.append(spinner[state.list.spinner % spinner.count] + (state.list.page == 0 ? "" : window + page))
            }
        }
        let right = (state.badge.map { "[\($0)]  " } ?? "") + "? help "
        let rightWidth = DisplayWidth.of(right)
        // While fetching on a narrow screen, the progress matters more than the range (the filter form shows it).
        if state.list.loading, let range, DisplayWidth.of(" " + parts.joined(separator: " · ")) > buffer.columns - rightWidth - 1 {
            parts.remove(at: range)
        }
        buffer.put(" " + parts.joined(separator: " · "), row: 0, col: 0, width: buffer.columns - rightWidth - 1, style: style)
        buffer.put(right, row: 0, col: max(0, buffer.columns - rightWidth), style: style)
    }

    static func countText(_ list: ListState) -> String {
        let loaded = list.calls.count
        guard let total = list.total else { return "\(loaded) calls" }
        let more = list.totalComplete ? "" : "+"
        return loaded >= total ? "\(total)\(more) calls" : "\(loaded) of \(total)\(more) calls"
    }

    /// `14 Nov 09:12` in the viewer's zone.
    static func short(_ date: Date, _ zone: TimeZone) -> String {
        let stamp = NaiveTimestamp.string(from: date, in: zone)  // yyyy-MM-dd HH:mm:ss
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let month = Int(stamp.dropFirst(5).prefix(2)) ?? 1
        return "\(stamp.dropFirst(8).prefix(2)) \(months[month - 1]) \(stamp.dropFirst(11).prefix(5))"
    }
}
