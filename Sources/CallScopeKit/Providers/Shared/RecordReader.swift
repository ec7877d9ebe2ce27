import Foundation

/// Lenient reads of one provider record, shared by every provider's mapping.
///
/// Missing, `null` and `""` are "absent" and read as nil silently. A value that is present but
/// cannot be read as expected also reads as nil, and leaves a warning naming the field.
struct RecordReader {
    let raw: JSONValue
    let context: MappingContext
    private var problems: [(field: String, message: String)] = []

    init(raw: JSONValue, context: MappingContext) {
        self.raw = raw
        self.context = context
        if raw.objectMembers == nil {
            problems.append(("(record)", "not a JSON object but \(Self.show(raw)); nothing could be read"))
        }
    }

    /// The value at `path` unless it is absent (missing, null, "").
    func present(_ path: [JSONPathKey]) -> JSONValue? {
        guard let value = raw.value(at: path), !value.isAbsent else { return nil }
        return value
    }

    mutating func warn(_ path: [JSONPathKey], _ message: String) {
        problems.append((JSONPathKey.describe(path), message))
    }

    // MARK: scalars

    /// A string, or a number's text (ids and extensions arrive as either).
    mutating func string(_ path: JSONPathKey...) -> String? { string(at: path) }

    mutating func string(at path: [JSONPathKey]) -> String? {
        guard let value = present(path) else { return nil }
        guard let text = value.stringValue else {
            warn(path, "expected a string, got \(Self.show(value))")
            return nil
        }
        return text
    }

    /// An integer from a number or a numeric string.
    mutating func int(_ path: JSONPathKey...) -> Int? {
        guard let value = present(path) else { return nil }
        guard let number = value.intValue else {
            warn(path, "expected an integer, got \(Self.show(value))")
            return nil
        }
        return number
    }

    /// A number from a number or a numeric string.
    mutating func double(_ path: JSONPathKey...) -> Double? {
        guard let value = present(path) else { return nil }
        guard let number = value.doubleValue else {
            warn(path, "expected a number, got \(Self.show(value))")
            return nil
        }
        return number
    }

    /// A duration in seconds: a number, a numeric string or `HH:MM:SS`.
    mutating func duration(_ path: JSONPathKey...) -> Int? {
        guard let value = present(path) else { return nil }
        if let seconds = value.intValue, seconds >= 0 { return seconds }
        if case .string(let text) = value, let seconds = DurationText.seconds(from: text) { return seconds }
        warn(path, "expected a duration (seconds or HH:MM:SS), got \(Self.show(value))")
        return nil
    }

    // MARK: times

    /// An instant from an epoch number (seconds, or milliseconds above 10^11); 0 is absent.
    mutating func epoch(_ path: JSONPathKey...) -> Date? { epoch(at: path) }

    mutating func epoch(at path: [JSONPathKey]) -> Date? {
        guard let value = present(path) else { return nil }
        guard let number = value.doubleValue, number >= 0 else {
            warn(path, "expected an epoch time, got \(Self.show(value))")
            return nil
        }
        return EpochTime.date(fromEpoch: number)
    }

    /// An instant from a naive timestamp in the account's zone; a zero date is absent.
    mutating func naiveTime(_ path: JSONPathKey...) -> Date? {
        guard let value = present(path) else { return nil }
        guard case .string(let text) = value else {
            warn(path, "expected a timestamp, got \(Self.show(value))")
            return nil
        }
        if let date = NaiveTimestamp.date(from: text, in: context.timeZone) { return date }
        if !NaiveTimestamp.isZeroDate(text) { warn(path, "unreadable timestamp \(Self.show(value))") }
        return nil
    }

    // MARK: collections

    /// The strings of an array; objects with a `name` (tag objects) count as their name.
    mutating func strings(_ path: JSONPathKey...) -> [String] {
        guard let value = present(path) else { return [] }
        guard let elements = value.arrayValue else {
            if let single = value.stringValue { return [single] }
            warn(path, "expected an array of strings, got \(Self.show(value))")
            return []
        }
        var result: [String] = []
        for (index, element) in elements.enumerated() where !element.isAbsent {
            if let text = element.stringValue ?? element["name"]?.stringValue {
                result.append(text)
            } else {
                warn(path + [.index(index)], "expected a string, got \(Self.show(element))")
            }
        }
        return result
    }

    /// The number of elements of the array at `path` (0 when it is not an array).
    func count(_ path: JSONPathKey...) -> Int {
        present(path)?.arrayValue?.count ?? 0
    }

    // MARK: identity and result

    /// The first present candidate as the call id; else a stable hash of the record, with a warning.
    mutating func id(_ candidates: [JSONPathKey]...) -> String {
        for path in candidates {
            if let id = string(at: path) { return id }
        }
        let names = candidates.map(JSONPathKey.describe).joined(separator: ", ")
        let id = "hash-" + raw.stableHashHex
        problems.append((names, "no call id; using \(id), a hash of the record"))
        return id
    }

    /// Notes a provider enum value that the mapping does not know (the record keeps it in
    /// `provider_status` or `raw`).
    mutating func unknownValue(_ path: JSONPathKey..., value: String) {
        warn(path, "unknown value \"\(value)\"")
    }

    /// The mapped call, each warning tagged with the record's id.
    func finish(_ record: CallRecord) -> MappedCall {
        MappedCall(
            record: record,
            warnings: problems.map { MappingWarning(recordID: record.id, field: $0.field, message: $0.message) }
        )
    }

    /// A short, terminal-safe rendering of an unexpected value for a warning.
    static func show(_ value: JSONValue) -> String {
        switch value {
        case .object: return "an object"
        case .array: return "an array"
        default:
            let text = value.serialized()
            return text.count > 60 ? String(text.prefix(57)) + "..." : text
        }
    }
}
