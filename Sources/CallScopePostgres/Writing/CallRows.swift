import CallScopeKit
import CallScopeStore
import Foundation
import PostgresNIO

/// A `CallRecord` as a row of `calls` and back. As in the SQLite store, the normalized fields are
/// columns and the provider's object is its JSON text; free text is UTF-8 bytes (`bytea`). Three
/// columns are derived for the filters SQL decides: the numbers' significant digits and the
/// lowercased agent name.
enum CallRows {
    /// The columns a record fills, with their types, in the order of `bindings(_:)`.
    static let stored: [(name: String, type: String)] = [
        ("account", "text"), ("id", "text"), ("provider", "text"), ("direction", "text"), ("from_number", "bytea"),
        ("to_number", "bytea"), ("agent", "bytea"), ("agent_name", "bytea"), ("customer_name", "bytea"), ("started_at", "int8"),
        ("answered_at", "int8"), ("ended_at", "int8"), ("wait_seconds", "int8"), ("talk_seconds", "int8"), ("hold_seconds", "int8"),
        ("duration_seconds", "int8"), ("disposition", "text"), ("provider_status", "bytea"), ("recording_url", "bytea"),
        ("cost", "float8"), ("campaign", "bytea"), ("tags", "text"), ("note", "bytea"), ("raw", "text"), ("search_text", "text"),
        ("from_digits", "text"), ("to_digits", "text"), ("agent_name_lower", "text"),
    ]

    /// What a read selects from `calls c`: the record's columns (not the search text nor the
    /// derived ones), in the order `record(_:at:includeRaw:)` reads them.
    static let selection = stored.prefix(24).map { "c." + $0.name }.joined(separator: ", ")
    static let selectionCount = 24

    /// The key of a call's start: the SQLite store's (`noStart` for none).
    static func startKey(_ record: CallRecord) -> Int64 {
        record.startedAt.map(CallColumns.seconds) ?? PostgresSchema.noStart
    }

    /// The columns of `rows` (each with its search document) as one array parameter each.
    static func bindings(_ rows: [(record: CallRecord, document: String)]) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: stored.count)
        func column<T: PostgresArrayEncodable & PostgresNonThrowingEncodable & Sendable>(_ value: (CallRecord) -> T?) {
            bindings.append(NullableArray(elements: rows.map { value($0.record) }))
        }
        func bytes(_ value: (CallRecord) -> String?) { column { value($0).map { ByteBuffer(string: $0) } } }
        func seconds(_ value: (CallRecord) -> Date?) { column { value($0).map(CallColumns.seconds) } }
        func count(_ value: (CallRecord) -> Int?) { column { value($0).map(Int64.init) } }
        column { $0.account }
        column { $0.id }
        column { $0.provider.rawValue }
        column { $0.direction.rawValue }
        bytes { $0.from }
        bytes { $0.to }
        bytes { $0.agent }
        bytes { $0.agentName }
        bytes { $0.customerName }
        column { startKey($0) }
        seconds { $0.answeredAt }
        seconds { $0.endedAt }
        count { $0.waitSeconds }
        count { $0.talkSeconds }
        count { $0.holdSeconds }
        count { $0.durationSeconds }
        column { $0.disposition.rawValue }
        bytes { $0.providerStatus }
        bytes { $0.recordingURL }
        column { $0.cost }
        bytes { $0.campaign }
        column { CallColumns.tagsText($0.tags) }
        bytes { $0.note }
        column { $0.raw.serialized() }
        bindings.append(NullableArray(elements: rows.map(\.document)))
        column { PhoneNumber.significant($0.from ?? "") }
        column { PhoneNumber.significant($0.to ?? "") }
        column { lowercasedText($0.agentName) }
        return bindings
    }

    /// `text` lowercased for the agent filter; a NUL (which `text` cannot hold) as a space.
    static func lowercasedText(_ text: String?) -> String {
        String(String.UnicodeScalarView((text ?? "").lowercased().unicodeScalars.map { $0 == "\0" ? " " : $0 }))
    }

    /// The record of a row selected with `selection` starting at column `offset`. Without
    /// `includeRaw` the provider's object is not parsed (`raw` is an empty object).
    static func record(_ row: PostgresRandomAccessRow, at offset: Int = 0, includeRaw: Bool) throws -> CallRecord {
        func text(_ index: Int) throws -> String? { try row[offset + index].decode(ByteBuffer?.self).map { String(buffer: $0) } }
        func date(_ index: Int) throws -> Date? {
            guard let value = try row[offset + index].decode(Int64?.self), value != PostgresSchema.noStart else { return nil }
            return Date(timeIntervalSince1970: TimeInterval(value))
        }
        func int(_ index: Int) throws -> Int? { try row[offset + index].decode(Int64?.self).map(Int.init) }
        let account = try row[offset].decode(String.self), id = try row[offset + 1].decode(String.self)
        func decode<T: RawRepresentable<String>>(_ index: Int, _ field: String) throws -> T {
            let raw = try row[offset + index].decode(String.self)
            guard let value = T(rawValue: raw) else { throw StoreError.corrupt("call \(account)/\(id): \(field) \"\(raw)\"") }
            return value
        }
        var raw = JSONValue.object([])
        if includeRaw {
            do { raw = try JSONParser.parse(try row[offset + 23].decode(String.self)) } catch {
                throw StoreError.corrupt("call \(account)/\(id): raw: \(error)")
            }
        }
        return CallRecord(
            account: account, provider: try decode(2, "provider"), id: id, direction: try decode(3, "direction"),
            from: try text(4), to: try text(5), agent: try text(6), agentName: try text(7), customerName: try text(8),
            startedAt: try date(9), answeredAt: try date(10), endedAt: try date(11),
            waitSeconds: try int(12), talkSeconds: try int(13), holdSeconds: try int(14), durationSeconds: try int(15),
            disposition: try decode(16, "disposition"), providerStatus: try text(17), recordingURL: try text(18),
            cost: try row[offset + 19].decode(Double?.self), campaign: try text(20),
            tags: CallColumns.tags(fromText: try row[offset + 21].decode(String.self)), note: try text(22), raw: raw
        )
    }
}
