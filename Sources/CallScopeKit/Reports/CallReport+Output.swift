import Foundation

/// The machine forms of a report (`callscope report --format json|csv`), as in the spec.
extension CallReport {
    /// The spec's object, keys in its order; every disposition and direction key is present.
    public var json: JSONValue {
        func number(_ value: Int) -> JSONValue { .number(String(value)) }
        let dispositions = Disposition.allCases.map { JSONMember($0.rawValue, number(byDisposition[$0]?.calls ?? 0)) }
        let directions = Direction.allCases.map { JSONMember($0.rawValue, number(byDirection[$0]?.calls ?? 0)) }
        let agents: [JSONValue] = byAgent.map { entry in
            [
                "agent": entry.agent.map(JSONValue.string) ?? .null, "agent_name": entry.agentName.map(JSONValue.string) ?? .null,
                "calls": number(entry.counts.calls), "answered": number(entry.counts.answered),
                "missed": number(entry.counts.missed), "talk_seconds": number(entry.counts.talkSeconds),
            ]
        }
        let slices: [JSONValue] = self.slices.map { slice in
            .object([JSONMember(sliceName, .string(RFC3339.string(from: slice.start))), JSONMember("calls", number(slice.counts.calls)),
                     JSONMember("answered", number(slice.counts.answered)), JSONMember("missed", number(slice.counts.missed))])
        }
        return [
            "account": .string(account), "provider": .string(provider.rawValue),
            "from": .string(RFC3339.string(from: range.from)), "to": .string(RFC3339.string(from: range.to)),
            "total": number(totals.calls), "answered": number(totals.answered), "missed": number(totals.missed),
            "talk_seconds": number(totals.talkSeconds), "wait_seconds": number(waitSeconds),
            "by_disposition": .object(dispositions), "by_direction": .object(directions),
            "by_agent": .array(agents), "by_\(sliceName)": .array(slices),
            "provider_report": providerReport ?? .null,
        ]
    }

    /// `hour` or `day`: the word for a slice in the machine forms.
    var sliceName: String {
        if case .hours = slicing { return "hour" }
        return "day"
    }

    public static let csvHeader = ["dimension", "key", "calls", "answered", "missed", "talk_seconds"]

    /// One row per bucket: the total, each disposition and direction, each agent (no agent: an
    /// empty key), each slice (its start, RFC 3339).
    public var csvRows: [[String]] {
        func row(_ dimension: String, _ key: String, _ counts: CallCounts) -> [String] {
            [dimension, key, String(counts.calls), String(counts.answered), String(counts.missed), String(counts.talkSeconds)]
        }
        var rows = [row("total", "", totals)]
        rows += Disposition.allCases.map { row("disposition", $0.rawValue, byDisposition[$0] ?? CallCounts()) }
        rows += Direction.allCases.map { row("direction", $0.rawValue, byDirection[$0] ?? CallCounts()) }
        rows += byAgent.map { row("agent", $0.agent ?? "", $0.counts) }
        rows += slices.map { row(sliceName, RFC3339.string(from: $0.start), $0.counts) }
        return rows
    }
}
