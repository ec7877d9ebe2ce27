import CallScopeKit
import CallScopeText
import Foundation

/// ` callscope · omi (omicall) · 14 Nov 00:00 → 21 Nov 23:59 · 249,997 calls · ⠹ syncing 61%     ? help`
enum TitleBar {
    static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        let style = Style(.title, attributes: .bold)
        buffer.fill(Rect(row: 0, column: 0, rows: 1, columns: buffer.columns), style: style)
        let badges = [state.badge, state.readOnly ? "read-only" : nil].compactMap { $0 }
        let right = badges.map { "[\($0)]  " }.joined() + "? help "
        let rightWidth = DisplayWidth.of(right)
        let room = buffer.columns - rightWidth - 1
        // The count and the sync are never what is cut: the range goes first, then the
        // provider's name, then the app's.
        var shown = Shown()
        for drop in [\Shown.range, \.provider, \.app] where DisplayWidth.of(line(state, shown)) > room {
            shown[keyPath: drop] = false
        }
        buffer.put(line(state, shown), row: 0, col: 0, width: room, style: style)
        buffer.put(right, row: 0, col: max(0, buffer.columns - rightWidth), style: style)
    }

    private struct Shown {
        var app = true, provider = true, range = true
    }

    private static func line(_ state: AppState, _ shown: Shown) -> String {
        var parts = shown.app ? ["callscope"] : []
        if let account = state.account {
            parts.append(account.name + (shown.provider ? " (\(account.provider.rawValue))" : ""))
            if let text = state.search.active {
                if shown.range { parts.append("search: \(text)") }
            } else if shown.range, let query = state.list.query, let from = query.from, let to = query.to {
                parts.append(range(from, to, state.displayZone, now: state.now))
            }
            parts.append(countText(state.list))
            if state.offline { parts.append("offline") }
            if let follow = state.follow { parts.append(followText(follow, state.displayZone)) }
            if let sync = state.list.sync {
                let progress = sync.fraction.map { " \(Int($0 * 100))%" } ?? (sync.calls > 0 ? " \(Count.grouped(sync.calls)) calls" : "")
                parts.append(spinner[state.list.spinner % spinner.count] + " syncing" + progress)
            }
        }
        return " " + parts.joined(separator: " · ")
    }

    static func countText(_ list: ListState) -> String {
        guard let total = list.total else { return "counting…" }
        return "\(Count.grouped(total)) \(total == 1 ? "call" : "calls")"
    }

    /// `following 30s · refreshed 13:08:42` (the time the last sync of the list ended, in the viewer's zone).
    static func followText(_ follow: FollowState, _ zone: TimeZone) -> String {
        let refreshed = follow.lastRefresh.map { " · refreshed " + NaiveTimestamp.string(from: $0, in: zone).suffix(8) } ?? ""
        return "following \(follow.interval)" + refreshed
    }

    /// `14 Nov 09:12 → 21 Nov 09:12` in the viewer's zone; with the years (`04 Dec 2025 10:52 →
    /// 05 Dec 2026 10:52`) when the range is not within this year, so a year's range does not
    /// read as a day's.
    static func range(_ from: Date, _ to: Date, _ zone: TimeZone, now: Date) -> String {
        let (start, end) = (NaiveTimestamp.string(from: from, in: zone), NaiveTimestamp.string(from: to, in: zone))
        let thisYear = NaiveTimestamp.string(from: now, in: zone).prefix(4)
        let years = start.prefix(4) != thisYear || end.prefix(4) != thisYear
        return "\(short(start, year: years)) → \(short(end, year: years))"
    }

    /// `14 Nov 09:12` (or `14 Nov 2025 09:12`) of a `yyyy-MM-dd HH:mm:ss` stamp.
    private static func short(_ stamp: String, year: Bool) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let month = Int(stamp.dropFirst(5).prefix(2)) ?? 1
        return "\(stamp.dropFirst(8).prefix(2)) \(months[month - 1])\(year ? " " + stamp.prefix(4) : "") \(stamp.dropFirst(11).prefix(5))"
    }
}
