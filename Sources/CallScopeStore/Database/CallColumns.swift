import CallScopeKit
import Foundation
import GRDB

/// A `CallRecord` as a row of `calls` and back. The normalized fields are columns (queried,
/// sorted); the provider's object is kept as its JSON text in `raw`.
package enum CallColumns {
    /// `started_at` of a call the provider gave no start time: sorts last, in no date range.
    static let noStart = Int64.min

    /// The columns a record fills, in the order of `values(of:searchText:)`.
    static let stored = [
        "account", "id", "provider", "direction", "from_number", "to_number", "agent", "agent_name", "customer_name",
        "started_at", "answered_at", "ended_at", "wait_seconds", "talk_seconds", "hold_seconds", "duration_seconds",
        "disposition", "provider_status", "recording_url", "cost", "campaign", "tags", "note", "raw", "search_text",
    ]

    /// What a read selects from `calls c`: the stored columns but the search text, in order.
    static let selection = stored.dropLast().map { "c." + $0 }.joined(separator: ", ")
    static let selectionCount = stored.count - 1

    static func values(of r: CallRecord, searchText: String) -> [DatabaseValue] {
        let text = StoredText.value
        return [
            r.account.databaseValue, r.id.databaseValue, r.provider.rawValue.databaseValue, r.direction.rawValue.databaseValue,
            text(r.from), text(r.to), text(r.agent), text(r.agentName), text(r.customerName),
            (r.startedAt.map(seconds) ?? noStart).databaseValue, r.answeredAt.map(seconds).databaseValue,
            r.endedAt.map(seconds).databaseValue, r.waitSeconds.databaseValue, r.talkSeconds.databaseValue,
            r.holdSeconds.databaseValue, r.durationSeconds.databaseValue, r.disposition.rawValue.databaseValue,
            text(r.providerStatus), text(r.recordingURL), r.cost.databaseValue, text(r.campaign),
            tagsText(r.tags).databaseValue, text(r.note), r.raw.serialized().databaseValue, searchText.databaseValue,
        ]
    }

    package static func seconds(_ date: Date) -> Int64 { EpochTime.wholeSeconds(date) }

    package static func tagsText(_ tags: [String]) -> String { JSONValue.array(tags.map { .string($0) }).serialized() }

    package static func tags(fromText text: String?) -> [String] {
        guard let text, let array = try? JSONParser.parse(text).arrayValue else { return [] }
        return array.compactMap(\.stringValue)
    }

    /// The record of a row selected with `selection` starting at column `offset`. Without
    /// `includeRaw` the provider's object is not parsed (`raw` is an empty object).
    static func record(_ row: Row, at offset: Int = 0, includeRaw: Bool) throws -> CallRecord {
        func date(_ index: Int) -> Date? {
            let value: Int64? = row[offset + index]
            guard let value, value != noStart else { return nil }
            return Date(timeIntervalSince1970: TimeInterval(value))
        }
        func text(_ index: Int) -> String? { StoredText.read(row, offset + index) }
        func int(_ index: Int) -> Int? { row[offset + index] }
        let account: String = row[offset], id: String = row[offset + 1]
        func decode<T: RawRepresentable<String>>(_ index: Int, _ field: String) throws -> T {
            let raw: String = row[offset + index]
            guard let value = T(rawValue: raw) else { throw StoreError.corrupt("call \(account)/\(id): \(field) \"\(raw)\"") }
            return value
        }
        let raw: JSONValue
        if includeRaw, let rawText = row[offset + 23] as String? {
            do { raw = try JSONParser.parse(rawText) } catch { throw StoreError.corrupt("call \(account)/\(id): raw: \(error)") }
        } else {
            raw = .object([])
        }
        return CallRecord(
            account: account, provider: try decode(2, "provider"), id: id, direction: try decode(3, "direction"),
            from: text(4), to: text(5), agent: text(6), agentName: text(7), customerName: text(8),
            startedAt: date(9), answeredAt: date(10), endedAt: date(11),
            waitSeconds: int(12), talkSeconds: int(13), holdSeconds: int(14), durationSeconds: int(15),
            disposition: try decode(16, "disposition"), providerStatus: text(17), recordingURL: text(18),
            cost: row[offset + 19], campaign: text(20), tags: tags(fromText: row[offset + 21]), note: text(22), raw: raw
        )
    }
}
