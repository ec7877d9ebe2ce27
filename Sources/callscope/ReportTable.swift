import CallScopeKit
import CallScopeText
import Foundation

/// `callscope report` for people: 80 columns, times on the viewer's clock, a bar per hour (per
/// day past three days), provider text sanitised.
struct ReportTable {
    static let width = 80
    let report: CallReport
    let zone: TimeZone

    init(_ report: CallReport, zone: TimeZone) {
        self.report = report
        self.zone = zone
    }

    var lines: [String] {
        let wait = report.callsWithWait > 0 ? " · wait \(CallFormatting.duration(report.waitSeconds))" : ""
        var lines = [heading, ReportText.summary(report), "talk \(CallFormatting.duration(report.totals.talkSeconds))\(wait)", ""]
        lines += dispositionsAndDirections + [""] + agents + [""] + chart
        if let payload = report.providerReport {
            lines += ["", "\(report.provider.rawValue)'s own report"] + ReportText.providerLines(payload).map { "  " + $0 }
        }
        return lines.map { line in
            var fitted = TextLayout.truncate(line, width: Self.width)
            while fitted.last == " " { fitted.removeLast() }
            return fitted
        }
    }

    private var heading: String {
        let from = NaiveTimestamp.string(from: report.range.from, in: zone), to = NaiveTimestamp.string(from: report.range.to, in: zone)
        return Sanitizer.sanitize("\(report.account) (\(report.provider.rawValue)) · \(from) → \(to) \(zone.identifier)")
    }

    private var dispositionsAndDirections: [String] {
        let dispositions = [("Disposition", "calls")] + Disposition.allCases.map { ($0.rawValue, String(report.byDisposition[$0]?.calls ?? 0)) }
        let directions = [("Direction", "calls")] + Direction.allCases.map { ($0.rawValue, String(report.byDirection[$0]?.calls ?? 0)) }
        return dispositions.indices.map { n in
            let left = TextLayout.pad(dispositions[n].0, width: 14) + TextLayout.pad(dispositions[n].1, width: 8, alignment: .right)
            guard n < directions.count else { return left }
            return left + "    " + TextLayout.pad(directions[n].0, width: 14) + TextLayout.pad(directions[n].1, width: 8, alignment: .right)
        }
    }

    private var agents: [String] {
        let name = Self.width - 7 - 10 - 8 - 11
        func row(_ cells: [String]) -> String {
            TextLayout.pad(cells[0], width: name) + TextLayout.pad(cells[1], width: 7, alignment: .right)
                + TextLayout.pad(cells[2], width: 10, alignment: .right) + TextLayout.pad(cells[3], width: 8, alignment: .right)
                + TextLayout.pad(cells[4], width: 11, alignment: .right)
        }
        let entries = report.byAgent.map { entry in
            row([ReportText.agent(entry), String(entry.counts.calls), String(entry.counts.answered), String(entry.counts.missed),
                 CallFormatting.duration(entry.counts.talkSeconds)])
        }
        return [row(["Agent", "calls", "answered", "missed", "talk"])] + (entries.isEmpty ? ["(no calls)"] : entries)
    }

    private var chart: [String] {
        let label = 12, count = 7
        let bar = Self.width - label - 2 - count - 2
        let most = report.slices.map(\.counts.calls).max() ?? 0
        let title = if case .days = report.slicing { "Day" } else { "Hour" }
        return [TextLayout.pad(title, width: label + 2) + TextLayout.pad("calls", width: count, alignment: .right)]
            + report.slices.map { slice in
                TextLayout.pad(ReportText.label(slice, report.slicing, zone: zone), width: label + 2)
                    + TextLayout.pad(String(slice.counts.calls), width: count, alignment: .right) + "  "
                    + ReportText.bar(slice.counts.calls, of: most, width: bar, unicode: true)
            }
    }
}
