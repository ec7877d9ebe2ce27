/// A line of ndjson or CSV input that is not a call record.
public struct RecordReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line where the record (or the bad text) starts.
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// Splits RFC 4180 text into rows, fed in chunks of bytes of any size (a file read piece by piece),
/// so that input of any length is read in constant memory. Rows end with CRLF, LF or CR; quoted
/// fields may hold separators, line ends and doubled quotes. Blank lines are skipped.
public struct CSVRowParser: Sendable {
    private enum State: Sendable {
        case fieldStart
        case unquoted
        case quoted
        /// After a quote inside a quoted field: the end of the field, or the first of two quotes.
        case quoteInQuoted
    }

    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var row: [String] = []
    private var rowHasContent = false
    private var afterCR = false
    /// The line being read (1-based) and the line the current row started on.
    private var line = 1
    private var rowLine = 1

    public init() {}

    /// The rows completed by `bytes`, each with the line it starts on.
    public mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) throws(RecordReadError) -> [(line: Int, fields: [String])] {
        var rows: [(line: Int, fields: [String])] = []
        for byte in bytes {
            if afterCR {
                // The LF of a CRLF that ended a row.
                afterCR = false
                if byte == 0x0A { continue }
            }
            switch state {
            case .quoted:
                if byte == UInt8(ascii: "\"") {
                    state = .quoteInQuoted
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
            case .quoteInQuoted:
                if byte == UInt8(ascii: "\"") {
                    field.append(byte)
                    state = .quoted
                } else if byte == UInt8(ascii: ",") {
                    endField()
                } else if byte == 0x0A || byte == 0x0D {
                    if let finished = endRow(crossing: byte) { rows.append(finished) }
                } else {
                    throw RecordReadError(line: line, message: "unexpected text after a closing quote")
                }
            case .fieldStart, .unquoted:
                switch byte {
                case UInt8(ascii: "\"") where state == .fieldStart:
                    state = .quoted
                    rowHasContent = true
                case UInt8(ascii: ","):
                    rowHasContent = true
                    endField()
                case 0x0A, 0x0D:
                    if let finished = endRow(crossing: byte) { rows.append(finished) }
                default:
                    field.append(byte)
                    rowHasContent = true
                    state = .unquoted
                }
            }
        }
        return rows
    }

    /// The last row when the input does not end with a line end.
    public mutating func finish() throws(RecordReadError) -> (line: Int, fields: [String])? {
        if state == .quoted {
            throw RecordReadError(line: rowLine, message: "a quoted field is not closed before the end of the input")
        }
        guard rowHasContent || !field.isEmpty || !row.isEmpty else { return nil }
        return endRow(crossing: nil)
    }

    private mutating func endField() {
        row.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        state = .fieldStart
    }

    private mutating func endRow(crossing byte: UInt8?) -> (line: Int, fields: [String])? {
        defer {
            if let byte {
                line += 1
                if byte == 0x0D { afterCR = true }
            }
            rowLine = line
        }
        guard rowHasContent || !field.isEmpty || !row.isEmpty else {
            state = .fieldStart
            return nil
        }
        endField()
        let finished = (line: rowLine, fields: row)
        row.removeAll(keepingCapacity: true)
        rowHasContent = false
        return finished
    }
}

/// Reads call records back from `--format csv` output (header first), fed in chunks.
public struct CSVRecordReader: Sendable {
    private var parser = CSVRowParser()
    private var header: [String]?

    public init() {}

    /// The records completed by `bytes`.
    public mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) throws(RecordReadError) -> [CallRecord] {
        var records: [CallRecord] = []
        for row in try parser.feed(bytes) {
            if let record = try take(row) { records.append(record) }
        }
        return records
    }

    /// The last record when the input does not end with a line end.
    public mutating func finish() throws(RecordReadError) -> [CallRecord] {
        guard let row = try parser.finish() else { return [] }
        return try take(row).map { [$0] } ?? []
    }

    /// Every record of a whole CSV text.
    public static func records(from text: String) throws(RecordReadError) -> [CallRecord] {
        var reader = CSVRecordReader()
        return try reader.feed(text.utf8) + reader.finish()
    }

    private mutating func take(_ row: (line: Int, fields: [String])) throws(RecordReadError) -> CallRecord? {
        guard let header else {
            header = row.fields
            return nil
        }
        guard row.fields.count == header.count else {
            throw RecordReadError(line: row.line, message: "\(row.fields.count) fields where the header has \(header.count)")
        }
        var members: [JSONMember] = []
        members.reserveCapacity(header.count)
        for (name, text) in zip(header, row.fields) {
            members.append(JSONMember(name, try Self.value(of: name, text, line: row.line)))
        }
        do {
            return try CallRecord(json: .object(members))
        } catch {
            throw RecordReadError(line: row.line, message: error.description)
        }
    }

    /// The JSON value a CSV field stands for, by the field's name.
    private static func value(of name: String, _ text: String, line: Int) throws(RecordReadError) -> JSONValue {
        switch name {
        case "tags":
            return .array(text.isEmpty ? [] : text.split(separator: CSVFormat.tagSeparator, omittingEmptySubsequences: false).map { .string(String($0)) })
        case "raw":
            if text.isEmpty { return .object([]) }
            do {
                return try JSONParser.parse(text)
            } catch {
                throw RecordReadError(line: line, message: "field raw: \(error.description)")
            }
        default:
            if text.isEmpty { return .null }
            if numericFields.contains(name) {
                guard case .number? = try? JSONParser.parse(text) else {
                    throw RecordReadError(line: line, message: "field \(name): not a number: \(text)")
                }
                return .number(text)
            }
            return .string(text)
        }
    }

    private static let numericFields: Set<String> = ["wait_seconds", "talk_seconds", "hold_seconds", "duration_seconds", "cost"]
}

/// Reads call records back from `--format ndjson` output, fed in chunks: one JSON object per
/// line (LF or CRLF), blank lines skipped.
public struct NDJSONRecordReader: Sendable {
    private var pending: [UInt8] = []
    private var line = 0

    public init() {}

    /// The records completed by `bytes`.
    public mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) throws(RecordReadError) -> [CallRecord] {
        var records: [CallRecord] = []
        for byte in bytes {
            if byte == 0x0A {
                if let record = try takeLine() { records.append(record) }
            } else {
                pending.append(byte)
            }
        }
        return records
    }

    /// The last record when the input does not end with a line feed.
    public mutating func finish() throws(RecordReadError) -> [CallRecord] {
        try takeLine().map { [$0] } ?? []
    }

    /// Every record of a whole ndjson text.
    public static func records(from text: String) throws(RecordReadError) -> [CallRecord] {
        var reader = NDJSONRecordReader()
        return try reader.feed(text.utf8) + reader.finish()
    }

    private mutating func takeLine() throws(RecordReadError) -> CallRecord? {
        line += 1
        defer { pending.removeAll(keepingCapacity: true) }
        if pending.last == 0x0D { pending.removeLast() }
        guard pending.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return nil }
        let json: JSONValue
        do {
            json = try JSONParser.parse(pending)
        } catch {
            throw RecordReadError(line: line, message: error.description)
        }
        do {
            return try CallRecord(json: json)
        } catch {
            throw RecordReadError(line: line, message: error.description)
        }
    }
}
