import Foundation

/// The CSV form of call records (`callscope calls --format csv`), RFC 4180:
///
/// - the first row is the spec's field names in their JSON order, `raw` only when asked for;
/// - rows end with CRLF;
/// - a field holding a comma, a double quote, CR or LF is enclosed in double quotes, with each
///   double quote doubled; every other field is written as it is (other control characters
///   included, so that the text round-trips);
/// - null is an empty field; tags are joined with `;` (no tags: empty); times are RFC 3339 UTC;
///   `raw` is the compact JSON text of the provider's object.
public enum CSVFormat {
    /// The header fields.
    public static func header(includeRaw: Bool) -> [String] {
        includeRaw ? CallRecord.jsonFieldNames : CallRecord.jsonFieldNames.filter { $0 != "raw" }
    }

    /// The tag separator inside the `tags` field.
    public static let tagSeparator: Character = ";"

    /// The record's fields, in header order, unquoted.
    public static func fields(of record: CallRecord, includeRaw: Bool) -> [String] {
        var fields: [String] = []
        forEachField(of: record, includeRaw: includeRaw) { fields.append($0) }
        return fields
    }

    /// Appends the record's row (CRLF included) to `bytes`, field by field, without building
    /// the fields as an array first (this is the path of a million-row export).
    public static func appendRow(of record: CallRecord, includeRaw: Bool, to bytes: inout [UInt8]) {
        var first = true
        forEachField(of: record, includeRaw: includeRaw) { field in
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            appendField(field, to: &bytes)
        }
        bytes.append(UInt8(ascii: "\r"))
        bytes.append(UInt8(ascii: "\n"))
    }

    private static func forEachField(of record: CallRecord, includeRaw: Bool, _ body: (String) -> Void) {
        body(record.account); body(record.provider.rawValue); body(record.id); body(record.direction.rawValue)
        body(record.from ?? ""); body(record.to ?? ""); body(record.agent ?? ""); body(record.agentName ?? "")
        body(record.customerName ?? "")
        body(time(record.startedAt)); body(time(record.answeredAt)); body(time(record.endedAt))
        body(integer(record.waitSeconds)); body(integer(record.talkSeconds)); body(integer(record.holdSeconds))
        body(integer(record.durationSeconds)); body(record.disposition.rawValue); body(record.providerStatus ?? "")
        body(record.recordingURL ?? ""); body(number(record.cost)); body(record.campaign ?? "")
        body(record.tags.joined(separator: String(tagSeparator))); body(record.note ?? ""); body(record.annotationSource.rawValue)
        if includeRaw { body(record.raw.serialized()) }
    }

    /// Appends one row (fields quoted as needed, CRLF) to `bytes`.
    public static func appendRow(_ fields: [String], to bytes: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendField(field, to: &bytes)
        }
        bytes.append(UInt8(ascii: "\r"))
        bytes.append(UInt8(ascii: "\n"))
    }

    /// One row as text, CRLF included.
    public static func row(_ fields: [String]) -> String {
        var bytes: [UInt8] = []
        appendRow(fields, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// True when RFC 4180 requires the field to be quoted.
    public static func needsQuotes(_ field: String) -> Bool {
        var field = field
        return field.withUTF8(needsQuotes)
    }

    private static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0D || byte == 0x0A { return true }
        return false
    }

    static func appendField(_ field: String, to bytes: inout [UInt8]) {
        var field = field
        let plain = field.withUTF8 { utf8 in
            guard !needsQuotes(utf8) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        guard !plain else { return }
        bytes.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func time(_ date: Date?) -> String {
        date.map(RFC3339.string(from:)) ?? ""
    }

    private static func integer(_ value: Int?) -> String {
        value.map(String.init) ?? ""
    }

    /// As in the JSON form: `2389` for whole numbers, the shortest round-trip text otherwise.
    private static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        var writer = JSONWriter(reservingCapacity: 24)
        writer.double(value)
        return writer.text
    }
}
