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
        var fields: [String] = [
            record.account, record.provider.rawValue, record.id, record.direction.rawValue,
            record.from ?? "", record.to ?? "", record.agent ?? "", record.agentName ?? "", record.customerName ?? "",
            time(record.startedAt), time(record.answeredAt), time(record.endedAt),
            integer(record.waitSeconds), integer(record.talkSeconds), integer(record.holdSeconds),
            integer(record.durationSeconds), record.disposition.rawValue, record.providerStatus ?? "",
            record.recordingURL ?? "", number(record.cost), record.campaign ?? "",
            record.tags.joined(separator: String(tagSeparator)), record.note ?? "", record.annotationSource.rawValue,
        ]
        if includeRaw { fields.append(record.raw.serialized()) }
        return fields
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
        field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }
    }

    static func appendField(_ field: String, to bytes: inout [UInt8]) {
        guard needsQuotes(field) else {
            bytes.append(contentsOf: field.utf8)
            return
        }
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
