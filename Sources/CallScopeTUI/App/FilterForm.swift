import CallScopeKit
import Foundation

/// The filter form (`f`): the common fields, the account's provider's own fields, validation at
/// the field before anything is sent, and how the range will be fetched.
public struct FilterForm: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case text
            /// Cycled with space, left and right; the first choice means "any".
            case choice([String])
        }

        /// The form key: `from`, `to`, `phone`, … or the provider's API parameter name.
        public var key: String
        public var label: String
        public var kind: Kind
        public var value: String
        public var error: String?
    }

    public var fields: [Field]
    public var focus = 0
    public let zone: TimeZone
    public let maxWindowDays: Int?

    public static let quickRanges = ["today", "yesterday", "24h", "7d", "30d"]

    /// The From and To texts of a quick range: a day as its date (To then means its end).
    static func quickRange(_ name: String, now: Date, zone: TimeZone) -> (String, String) {
        func day(_ offset: Double) -> String { String(NaiveTimestamp.string(from: now.addingTimeInterval(offset * 86400), in: zone).prefix(10)) }
        switch name {
        case "today": return (day(0), "now")
        case "yesterday": return (day(-1), day(-1))
        default: return ("-" + name, "now")
        }
    }

    public init(values: FilterValues, account: AccountSummary) {
        zone = account.timeZone
        maxWindowDays = account.maxWindowDays
        var fields: [Field] = [
            Field(key: "range", label: "Quick range", kind: .choice(["custom"] + Self.quickRanges), value: "custom"),
            Field(key: "from", label: "From", kind: .text, value: values.from),
            Field(key: "to", label: "To", kind: .text, value: values.to),
            Field(key: "phone", label: "Phone", kind: .text, value: values.phone),
            Field(key: "agent", label: "Agent", kind: .text, value: values.agent),
            Field(key: "direction", label: "Direction", kind: .choice(["any"] + Direction.allCases.map(\.rawValue)), value: values.direction.isEmpty ? "any" : values.direction),
            Field(key: "disposition", label: "Disposition", kind: .choice(["any"] + Disposition.allCases.map(\.rawValue)), value: values.disposition.isEmpty ? "any" : values.disposition),
        ]
        for (key, label, kind) in Self.providerFields(account.provider) {
            let given = values.provider[key] ?? ""
            let value: String
            if case .choice(let options) = kind { value = given.isEmpty ? options[0] : given } else { value = given }
            fields.append(Field(key: key, label: label, kind: kind, value: value))
        }
        self.fields = fields
    }

    /// Each provider's own filters, by their API parameter names.
    static func providerFields(_ provider: ProviderKind) -> [(String, String, Field.Kind)] {
        switch provider {
        case .caresoft: [("service_id", "Service id", .text), ("call_type", "IVR calls", .choice(["any", "3"]))]
        case .omicall: [("keyword", "Keyword", .text), ("is_auto_call", "Auto calls", .choice(["any", "true", "false"]))]
        case .vbotCampaign: [("campaign_code", "Campaign", .text), ("hotline", "Hotline", .text), ("key", "Search key", .text)]
        case .vbotCRM: []
        case .icsoc: [("projectId", "Project", .text), ("taskId", "Task", .text),
                      ("callresult", "Call result", .choice(["any", "0", "1", "2"])), ("endresult", "End result", .choice(["any", "11", "12"]))]
        }
    }

    public subscript(key: String) -> String {
        get { fields.first { $0.key == key }?.value ?? "" }
        set { if let i = fields.firstIndex(where: { $0.key == key }) { fields[i].value = newValue } }
    }

    public var isValid: Bool { fields.allSatisfy { $0.error == nil } }

    /// Checks every field, marking errors at the field, and returns the range when valid.
    @discardableResult
    public mutating func validate(now: Date) -> (from: Date, to: Date)? {
        for i in fields.indices { fields[i].error = nil }
        var from: Date?, to: Date?
        do { from = try TimeArgument.parse(self["from"], as: .from, in: zone, now: now) } catch { mark("from", error.reason) }
        do { to = try TimeArgument.parse(self["to"], as: .to, in: zone, now: now) } catch { mark("to", error.reason) }
        if let f = from, let t = to, f > t { mark("to", "is before From") }
        if !self["phone"].isEmpty, !self["phone"].contains(where: \.isNumber) { mark("phone", "needs digits") }
        guard let from, let to, isValid else { return nil }
        return (from, to)
    }

    private mutating func mark(_ key: String, _ message: String) {
        if let i = fields.firstIndex(where: { $0.key == key }) { fields[i].error = message }
    }

    /// "92 days → 3 request windows of 31 days", or why there is none.
    public func plan(now: Date) -> String {
        var copy = self
        guard let (from, to) = copy.validate(now: now) else { return "fix the marked fields" }
        return WindowPlan(from: from, to: to, maxDays: maxWindowDays).summary
    }

    // MARK: Editing

    public mutating func type(_ character: Character, now: Date) {
        guard case .text = fields[focus].kind else {
            if character == " " { cycle(by: 1, now: now) }
            return
        }
        fields[focus].value.append(character)
        touchedRange()
    }

    public mutating func deleteBackward() {
        guard case .text = fields[focus].kind, !fields[focus].value.isEmpty else { return }
        fields[focus].value.removeLast()
        touchedRange()
    }

    public mutating func cycle(by step: Int, now: Date) {
        guard case .choice(let options) = fields[focus].kind else { return }
        let at = options.firstIndex(of: fields[focus].value) ?? 0
        fields[focus].value = options[(at + step + options.count) % options.count]
        if fields[focus].key == "range", Self.quickRanges.contains(fields[focus].value) {
            (self["from"], self["to"]) = Self.quickRange(fields[focus].value, now: now, zone: zone)
        }
    }

    /// Typing in From or To makes the quick range "custom".
    private mutating func touchedRange() {
        if ["from", "to"].contains(fields[focus].key) { self["range"] = "custom" }
    }

    public mutating func move(by step: Int) {
        focus = (focus + step + fields.count) % fields.count
    }

    /// The form's values, to keep and to build the query from.
    public var values: FilterValues {
        var v = FilterValues()
        v.from = self["from"]
        v.to = self["to"]
        v.phone = self["phone"].trimmingCharacters(in: .whitespaces)
        v.agent = self["agent"].trimmingCharacters(in: .whitespaces)
        v.direction = self["direction"] == "any" ? "" : self["direction"]
        v.disposition = self["disposition"] == "any" ? "" : self["disposition"]
        for field in fields.dropFirst(7) where !field.value.isEmpty && field.value != "any" {
            v.provider[field.key] = field.value.trimmingCharacters(in: .whitespaces)
        }
        return v
    }
}

extension FilterValues {
    /// The query these values ask for, or nil when a time does not parse.
    public func query(zone: TimeZone, now: Date) -> CallQuery? {
        guard let from = try? TimeArgument.parse(from, as: .from, in: zone, now: now),
              let to = try? TimeArgument.parse(to, as: .to, in: zone, now: now) else { return nil }
        return CallQuery(from: from, to: to, phone: phone.isEmpty ? nil : phone, agent: agent.isEmpty ? nil : agent,
                         direction: Direction(rawValue: direction), disposition: Disposition(rawValue: disposition),
                         providerFilters: provider)
    }
}
