import CSV
import CallScopeKit

/// A line of ndjson or CSV output that is not a call record.
public struct RecordReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The record's number in the output (1-based, the header not counted).
    public var record: Int
    public var message: String

    public var description: String { "record \(record): \(message)" }
}

/// Reads call records back from `--format csv` output with an independent RFC 4180 reader
/// (yaslab/CSV.swift), so the writer is checked by someone else's reading of the format.
public enum CSVRecordReader {
    public static func records(from text: String) throws -> [CallRecord] {
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        guard let header = reader.headerRow else { return [] }
        var records: [CallRecord] = []
        while let fields = reader.next() {
            let number = records.count + 1
            guard fields.count == header.count else {
                throw RecordReadError(record: number, message: "\(fields.count) fields where the header has \(header.count)")
            }
            let members = try zip(header, fields).map { name, text in JSONMember(name, try value(of: name, text, record: number)) }
            do {
                records.append(try CallRecord(json: .object(members)))
            } catch {
                throw RecordReadError(record: number, message: error.description)
            }
        }
        if let error = reader.error { throw error }
        return records
    }

    /// The JSON value a CSV field stands for, by the field's name (the spec's CSV columns).
    private static func value(of name: String, _ text: String, record: Int) throws -> JSONValue {
        switch name {
        case "tags":
            return .array(text.isEmpty ? [] : text.split(separator: CSVFormat.tagSeparator, omittingEmptySubsequences: false).map { .string(String($0)) })
        case "raw":
            return text.isEmpty ? .object([]) : try JSONParser.parse(text)
        default:
            if text.isEmpty { return .null }
            guard numericFields.contains(name) else { return .string(text) }
            guard case .number? = try? JSONParser.parse(text) else {
                throw RecordReadError(record: record, message: "field \(name): not a number: \(text)")
            }
            return .number(text)
        }
    }

    private static let numericFields: Set<String> = ["wait_seconds", "talk_seconds", "hold_seconds", "duration_seconds", "cost"]
}

/// Reads call records back from `--format ndjson` output: one JSON object per line (LF or
/// CRLF), blank lines skipped.
public enum NDJSONRecordReader {
    public static func records(from text: String) throws -> [CallRecord] {
        var records: [CallRecord] = []
        // By bytes: a JSON string may hold U+2028, which Swift counts as a line end.
        for bytes in text.utf8.split(separator: 0x0A) {
            let line = String(decoding: bytes.last == 0x0D ? bytes.dropLast() : bytes, as: UTF8.self)
            guard line.contains(where: { !$0.isWhitespace }) else { continue }
            do {
                records.append(try CallRecord(json: JSONParser.parse(line)))
            } catch {
                throw RecordReadError(record: records.count + 1, message: "\(error)")
            }
        }
        return records
    }
}
