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

    /// Appends the record's row (CRLF included) to `bytes`, field by field. The store's bulk
    /// path writes the same row from stored bytes with the field writers below.
    public static func appendRow(of r: CallRecord, includeRaw: Bool, to bytes: inout [UInt8]) {
        var first = true
        func next() {
            if !first { bytes.append(separator) }
            first = false
        }
        func text(_ text: String?) {
            next()
            guard var text else { return }
            text.withUTF8 { appendField(utf8: $0, to: &bytes) }
        }
        func time(_ date: Date?) {
            next()
            if let date { appendTime(seconds: EpochTime.wholeSeconds(date), to: &bytes) }
        }
        func integer(_ value: Int?) {
            next()
            if let value { appendInteger(Int64(value), to: &bytes) }
        }
        text(r.account); text(r.provider.rawValue); text(r.id); text(r.direction.rawValue)
        text(r.from); text(r.to); text(r.agent); text(r.agentName); text(r.customerName)
        time(r.startedAt); time(r.answeredAt); time(r.endedAt)
        integer(r.waitSeconds); integer(r.talkSeconds); integer(r.holdSeconds); integer(r.durationSeconds)
        text(r.disposition.rawValue); text(r.providerStatus); text(r.recordingURL)
        next()
        if let cost = r.cost { appendNumber(cost, to: &bytes) }
        text(r.campaign); text(r.tags.joined(separator: String(tagSeparator))); text(r.note); text(r.annotationSource.rawValue)
        if includeRaw { text(r.raw.serialized()) }
        endRow(&bytes)
    }

    // MARK: Field writers

    /// Between two fields.
    public static let separator = UInt8(ascii: ",")

    /// Ends a row (CRLF).
    public static func endRow(_ bytes: inout [UInt8]) {
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    /// A text field from its UTF-8 bytes, quoted when RFC 4180 requires it.
    public static func appendField(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        guard needsQuotes(utf8) else { return bytes.append(contentsOf: utf8) }
        bytes.append(UInt8(ascii: "\""))
        for byte in utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A time field: RFC 3339 UTC of whole seconds since 1970.
    public static func appendTime(seconds: Int64, to bytes: inout [UInt8]) { bytes.appendTimestamp(seconds: Int(seconds)) }

    public static func appendInteger(_ value: Int64, to bytes: inout [UInt8]) { bytes.appendDecimal(Int(value)) }

    /// As in the JSON form: `2389` for whole numbers, the shortest round-trip text otherwise;
    /// nothing for NaN or infinity.
    public static func appendNumber(_ value: Double, to bytes: inout [UInt8]) {
        guard value.isFinite else { return }
        var writer = JSONWriter(reservingCapacity: 24)
        writer.double(value)
        bytes.append(contentsOf: writer.bytes)
    }

    /// Appends one row (fields quoted as needed, CRLF) to `bytes`.
    public static func appendRow(_ fields: [String], to bytes: inout [UInt8]) {
        for (index, var field) in fields.enumerated() {
            if index > 0 { bytes.append(separator) }
            field.withUTF8 { appendField(utf8: $0, to: &bytes) }
        }
        endRow(&bytes)
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

    static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0D || byte == 0x0A { return true }
        return false
    }
}
