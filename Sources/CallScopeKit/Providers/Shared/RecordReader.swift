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

    /// An amount (a cost) from a number or a numeric string, whose whole part fits 64 bits.
    mutating func amount(_ path: JSONPathKey...) -> Double? {
        guard let value = present(path) else { return nil }
        guard let number = value.numberValue else {
            warn(path, "expected a number, got \(Self.show(value))")
            return nil
        }
        guard CallBounds.isAmount(number) else {
            warn(path, "out of range: \(Self.show(value)) does not fit a 64-bit integer")
            return nil
        }
        return number
    }

    /// A duration in seconds, 0 to 31 days: a whole number, a numeric string or `HH:MM:SS`.
    mutating func duration(_ path: JSONPathKey...) -> Int? {
        guard let value = present(path) else { return nil }
        let seconds: Int
        if let number = value.numberValue, number.rounded() == number {
            seconds = Int(exactly: number) ?? (number < 0 ? -1 : .max)
        } else if case .string(let text) = value, let clock = DurationText.seconds(from: text) {
            seconds = clock
        } else {
            warn(path, "expected a duration (seconds or HH:MM:SS), got \(Self.show(value))")
            return nil
        }
        guard CallBounds.isDuration(seconds) else {
            warn(path, "out of range: \(Self.show(value)) is not a duration of \(CallBounds.durationRange)")
            return nil
        }
        return seconds
    }

    /// Whole seconds from `start` to `end`, a duration the provider gives as two times (`path`
    /// names the later one); nil when either is unknown, when they are out of order, and (with a
    /// warning) when they are more than 31 days apart.
    mutating func span(from start: Date?, to end: Date?, _ path: JSONPathKey...) -> Int? {
        guard let start, let end, end >= start else { return nil }
        let seconds = end.timeIntervalSince(start)
        guard seconds <= Double(CallBounds.longestDuration) else {
            warn(path, "out of range: more than 31 days after the call's start")
            return nil
        }
        return Int(exactly: seconds.rounded(.towardZero))
    }

    // MARK: times

    /// An instant from an epoch number (seconds, or milliseconds above 10^11); 0 is absent.
    mutating func epoch(_ path: JSONPathKey...) -> Date? { epoch(at: path) }

    mutating func epoch(at path: [JSONPathKey]) -> Date? {
        guard let value = present(path) else { return nil }
        guard let number = value.numberValue else {
            warn(path, "expected an epoch time, got \(Self.show(value))")
            return nil
        }
        guard number != 0 else { return nil }
        return bounded(EpochTime.date(fromEpoch: number), path, value)
    }

    /// An instant from a naive timestamp in the account's zone; a zero date is absent.
    mutating func naiveTime(_ path: JSONPathKey...) -> Date? {
        guard let value = present(path) else { return nil }
        guard case .string(let text) = value else {
            warn(path, "expected a timestamp, got \(Self.show(value))")
            return nil
        }
        if let date = NaiveTimestamp.date(from: text, in: context.timeZone) { return bounded(date, path, value) }
        if !NaiveTimestamp.isZeroDate(text) { warn(path, "unreadable timestamp \(Self.show(value))") }
        return nil
    }

    /// `date` when it is from 1970 through 9999; else nil, with a warning.
    private mutating func bounded(_ date: Date?, _ path: [JSONPathKey], _ value: JSONValue) -> Date? {
        guard let date, CallBounds.contains(date) else {
            warn(path, "out of range: \(Self.show(value)) is not \(CallBounds.timeRange)")
            return nil
        }
        return date
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
    /// An id with a control character is returned as it is, with a warning: such a call is not
    /// stored (`CallRecord.isAcceptableCallID`).
    mutating func id(_ candidates: [JSONPathKey]...) -> String {
        for path in candidates {
            guard let id = string(at: path) else { continue }
            if !CallRecord.isAcceptableCallID(id) {
                warn(path, "the call id holds a control character; the call is not stored")
            }
            return id
        }
        let names = candidates.map(JSONPathKey.describe).joined(separator: ", ")
        let id = "hash-" + raw.stableHashHex
        problems.append((names, "no call id; using \(id), a hash of the record"))
        return id
    }

    /// Notes a provider enum value that the mapping does not know (the record keeps it in
    /// `provider_status` or `raw`).
    mutating func unknownValue(_ path: JSONPathKey..., value: String) {
        unknownValue(at: path, value: value)
    }

    /// The words are shown escaped: a provider's word may hold an escape sequence.
    mutating func unknownValue(at path: [JSONPathKey], value: String) {
        warn(path, "unknown value \(Self.show(.string(value)))")
    }

    /// The mapped call, each warning tagged with the record's id.
    func finish(_ record: CallRecord) -> MappedCall {
        MappedCall(
            record: record,
            warnings: problems.map { MappingWarning(recordID: record.id, field: $0.field, message: $0.message) }
        )
    }

    /// A short, terminal-safe rendering of an unexpected value for a warning (JSON: control
    /// characters escaped).
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
