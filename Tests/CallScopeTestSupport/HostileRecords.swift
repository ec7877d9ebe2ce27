import CallScopeKit
import Foundation

/// Call records in each provider's own shape, for the hostile provider and the mapping tests.
public enum HostileRecords {
    /// An ordinary answered call of `provider`: id, start, caller.
    public static func plain(_ provider: ProviderKind, id: String, start: Date, from phone: String = "0901000001") -> JSONValue {
        let epoch = JSONValue.number(String(EpochTime.wholeSeconds(start)))
        let naive = JSONValue.string(NaiveTimestamp.string(from: start, in: .gmt))
        switch provider {
        case .caresoft:
            return ["call_id": .string(id), "caller": .string(phone), "called": "0281000002", "call_type": 0,
                    "call_status": "meetAgent", "start_time": naive]
        case .omicall:
            return ["transaction_id": .string(id), "source_number": .string(phone), "destination_number": "0281000002",
                    "direction": "inbound", "disposition": "answered", "time_start_to_answer": epoch]
        case .vbotCampaign:
            return ["trans_id": .string(id), "hotline": ["phone_number": .string(phone)], "phone": "0281000002",
                    "disposition": "ANSWER", "create_at": epoch]
        case .vbotCRM:
            return ["group_id": .string(id), "caller": [["phone": .string(phone)]], "callee": [["phone": "0281000002"]],
                    "type_call": "1", "disposition": "ANSWER", "date_create": naive]
        case .icsoc:
            return ["callId": .string(id), "caller": .string(phone), "called": "0281000002", "callresult": 2, "startTime": epoch]
        }
    }

    /// `plain` with every time, duration and amount the provider sends, each out of range in its
    /// own way (1e300, 9e18, negative, before 1970, a clock of 99,999,999 hours).
    public static func outOfRange(_ provider: ProviderKind, id: String, start: Date) -> JSONValue {
        guard case .object(var members) = plain(provider, id: id, start: start) else { return .null }
        for (key, value) in outOfRangeFields[provider] ?? [] { members.append(JSONMember(key, value)) }
        return .object(members)
    }

    /// The fields `outOfRange` adds, by provider (each one is read as nil with a warning).
    public static let outOfRangeFields: [ProviderKind: [(String, JSONValue)]] = [
        .caresoft: [("wait_time", .number("1e300")), ("talk_time", "-5"), ("hold_time", "99999999:00:00"),
                    ("end_time", "1969-07-20 20:17:00")],
        .omicall: [("duration", .number("9e18")), ("bill_sec", .number("-1")), ("call_out_price", .number("1e19"))],
        .vbotCampaign: [("answer_at", "1e300"), ("end_call_at", .number("-1")), ("billsec", "9e18"), ("duration", .number("1e400")),
                        ("postage", "-1e30")],
        .vbotCRM: [("duration_call", .number("1e300"))],
        .icsoc: [("endTime", "1e300"), ("linkSecs", .number("9e18")), ("allSecs", .number("-3")), ("ansTime", .number("300000000000000"))],
    ]
}
