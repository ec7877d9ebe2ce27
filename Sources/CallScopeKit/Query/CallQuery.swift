import Foundation

/// What the user asks for: a range (both bounds inclusive), the common filters, and each
/// provider's own filters by their API name (caresoft `service_id`, `call_type`; omicall
/// `keyword`, `is_auto_call`; vbot `campaign_code`, `hotline`, `key`; icsoc `projectId`,
/// `taskId`, `callresult`, `endresult`).
public struct CallQuery: Sendable, Equatable {
    public var from: Date
    public var to: Date
    public var phone: String?
    public var agent: String?
    public var direction: Direction?
    public var disposition: Disposition?
    public var providerFilters: [String: String]
    /// Stop after this many calls.
    public var limit: Int?

    public init(from: Date, to: Date, phone: String? = nil, agent: String? = nil, direction: Direction? = nil,
                disposition: Disposition? = nil, providerFilters: [String: String] = [:], limit: Int? = nil) {
        self.from = from
        self.to = to
        self.phone = phone
        self.agent = agent
        self.direction = direction
        self.disposition = disposition
        self.providerFilters = providerFilters
        self.limit = limit
    }

    /// Whether a fetched call belongs to the answer. Providers filter on their own fields and
    /// some cannot filter at all, so every call is checked here: the answer is exact whatever
    /// the provider did.
    public func matches(_ record: CallRecord) -> Bool {
        if let start = record.startedAt, start < from.flooredToSecond || start > to { return false }
        if let direction, record.direction != direction { return false }
        if let disposition, record.disposition != disposition { return false }
        if let agent, !Self.agentMatches(agent, agent: record.agent, agentName: record.agentName) { return false }
        if let phone, !PhoneNumber.matches(phone, record.from) && !PhoneNumber.matches(phone, record.to) { return false }
        return true
    }

    /// Whether a call's agent is the one asked for: its id exactly, or part of its name (any case).
    public static func agentMatches(_ wanted: String, agent: String?, agentName: String?) -> Bool {
        agent == wanted || agentName?.localizedCaseInsensitiveContains(wanted) == true
    }
}

extension Date {
    var flooredToSecond: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}

/// Phone numbers compared as people mean them: `0901774143`, `84901774143` and `+84 901 774 143`
/// are one number, and a partial number finds the numbers that contain it.
public enum PhoneNumber {
    /// The digits that identify the number: no country code 84, no trunk 0.
    public static func significant(_ text: String) -> String {
        var digits = text.filter(\.isASCII).filter(\.isNumber)
        if digits.hasPrefix("84"), digits.count >= 11 { digits.removeFirst(2) } else if digits.hasPrefix("0") { digits.removeFirst() }
        return digits
    }

    /// Whether `number` is `wanted` or contains it, compared by significant digits.
    public static func matches(_ wanted: String, _ number: String?) -> Bool {
        guard let number else { return false }
        let w = significant(wanted)
        return !w.isEmpty && significant(number).contains(w)
    }
}
