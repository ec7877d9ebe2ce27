import CallScopeKit
import Foundation

/// How a call's values read to a person: times on the viewer's clock, durations as `m:ss`,
/// directions as arrows. Every value is sanitised, so provider data cannot reach the terminal raw.
public struct CallFormatting: Sendable {
    public var timeZone: TimeZone

    public init(timeZone: TimeZone = .current) { self.timeZone = timeZone }

    public func time(_ date: Date?) -> String {
        date.map { NaiveTimestamp.string(from: $0, in: timeZone) } ?? ""
    }

    public static func duration(_ seconds: Int?) -> String {
        guard let seconds else { return "" }
        let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
        let ss = s < 10 ? "0\(s)" : "\(s)"
        return h > 0 ? "\(h):\(m < 10 ? "0" : "")\(m):\(ss)" : "\(m):\(ss)"
    }

    public static func arrow(_ direction: Direction) -> String {
        switch direction {
        case .inbound: "←"
        case .outbound: "→"
        case .internal: "↔"
        case .unknown: "?"
        }
    }

    /// The agent as `1444 Tiến`: extension and name, without repeating one in the other.
    public static func agent(_ record: CallRecord) -> String {
        switch (record.agent, record.agentName) {
        case (let a?, let n?) where n.hasPrefix(a): n
        case (let a?, let n?): "\(a) \(n)"
        case (let a?, nil): a
        case (nil, let n?): n
        case (nil, nil): ""
        }
    }
}

/// One column of a list of calls: its title, the widest it may grow, and its value.
public struct CallColumn: Sendable {
    public let title: String
    public let maxWidth: Int
    public let alignment: Alignment
    /// On a narrow screen, columns with a higher drop order go first; 0 never goes.
    public let dropOrder: Int
    /// The sort that orders the list by this column.
    public let sort: SortKey?
    public let value: @Sendable (CallRecord, CallFormatting) -> String

    public init(_ title: String, maxWidth: Int, alignment: Alignment = .left, dropOrder: Int = 0, sort: SortKey? = nil,
                value: @escaping @Sendable (CallRecord, CallFormatting) -> String) {
        self.title = title
        self.maxWidth = maxWidth
        self.alignment = alignment
        self.dropOrder = dropOrder
        self.sort = sort
        self.value = value
    }

    /// The value as it may be shown: sanitised, one line.
    public func text(_ record: CallRecord, _ formatting: CallFormatting) -> String {
        Sanitizer.sanitize(value(record, formatting))
    }
}

public enum CallColumns {
    /// The columns of the TUI's list.
    public static let list: [CallColumn] = [
        CallColumn("Time", maxWidth: 11, sort: .time) { r, f in String(f.time(r.startedAt).dropFirst(8)) },
        CallColumn("Dir", maxWidth: 3, sort: .direction) { r, _ in CallFormatting.arrow(r.direction) },
        CallColumn("From", maxWidth: 13, sort: .from) { r, _ in r.from ?? "" },
        CallColumn("To", maxWidth: 13, dropOrder: 3, sort: .to) { r, _ in r.to ?? "" },
        CallColumn("Agent", maxWidth: 16, dropOrder: 4, sort: .agent) { r, _ in CallFormatting.agent(r) },
        CallColumn("Customer", maxWidth: 18, dropOrder: 6) { r, _ in r.customerName ?? "" },
        CallColumn("Disp", maxWidth: 9, dropOrder: 1, sort: .disposition) { r, _ in r.disposition.rawValue },
        CallColumn("Talk", maxWidth: 7, alignment: .right, dropOrder: 2, sort: .talk) { r, _ in CallFormatting.duration(r.talkSeconds) },
        CallColumn("Tags", maxWidth: 10, dropOrder: 5) { r, _ in r.tags.joined(separator: " ") },
    ]

    /// The columns of `callscope calls --format table`.
    public static let table: [CallColumn] = [
        CallColumn("TIME", maxWidth: 19) { r, f in f.time(r.startedAt) },
        CallColumn("DIR", maxWidth: 3) { r, _ in CallFormatting.arrow(r.direction) },
        CallColumn("FROM", maxWidth: 16) { r, _ in r.from ?? "" },
        CallColumn("TO", maxWidth: 16) { r, _ in r.to ?? "" },
        CallColumn("AGENT", maxWidth: 22) { r, _ in CallFormatting.agent(r) },
        CallColumn("CUSTOMER", maxWidth: 22) { r, _ in r.customerName ?? "" },
        CallColumn("DISPOSITION", maxWidth: 11) { r, _ in r.disposition.rawValue },
        CallColumn("TALK", maxWidth: 8, alignment: .right) { r, _ in CallFormatting.duration(r.talkSeconds) },
        CallColumn("TAGS", maxWidth: 24) { r, _ in r.tags.joined(separator: " ") },
        CallColumn("ID", maxWidth: 40) { r, _ in r.id },
    ]
}
