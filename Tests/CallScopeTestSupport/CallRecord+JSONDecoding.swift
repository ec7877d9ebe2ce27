import CallScopeKit
import Foundation

/// Reads a record back from its own JSON form (`CallRecord.write(to:includeRaw:)`), e.g. from a
/// store or a file of `--format ndjson` output. Unlike provider mapping this is strict: the
/// text was written by callscope, so anything off is an error naming the field.
extension CallRecord {
    public struct DecodingError: Error, Sendable, Equatable, CustomStringConvertible {
        public var field: String
        public var problem: String
        public var description: String { "call record field \(field): \(problem)" }

        public init(field: String, problem: String) {
            self.field = field
            self.problem = problem
        }
    }

    /// A record without `raw` gets an empty object.
    public init(json: JSONValue) throws(DecodingError) {
        guard json.objectMembers != nil else { throw DecodingError(field: "(record)", problem: "not an object") }
        let reader = NormalizedFieldReader(json: json)
        self.init(
            account: try reader.required("account"),
            provider: try reader.enumeration("provider"),
            id: try reader.required("id"),
            direction: try reader.enumeration("direction"),
            from: try reader.string("from"),
            to: try reader.string("to"),
            agent: try reader.string("agent"),
            agentName: try reader.string("agent_name"),
            customerName: try reader.string("customer_name"),
            startedAt: try reader.date("started_at"),
            answeredAt: try reader.date("answered_at"),
            endedAt: try reader.date("ended_at"),
            waitSeconds: try reader.int("wait_seconds"),
            talkSeconds: try reader.int("talk_seconds"),
            holdSeconds: try reader.int("hold_seconds"),
            durationSeconds: try reader.int("duration_seconds"),
            disposition: try reader.enumeration("disposition"),
            providerStatus: try reader.string("provider_status"),
            recordingURL: try reader.string("recording_url"),
            cost: try reader.double("cost"),
            campaign: try reader.string("campaign"),
            tags: try reader.strings("tags"),
            note: try reader.string("note"),
            annotationSource: try reader.enumeration("annotation_source") as AnnotationSource,
            raw: json["raw"] ?? .object([])
        )
    }
}

/// Typed reads of one normalized record's fields, for `CallRecord.init(json:)`.
private struct NormalizedFieldReader {
    let json: JSONValue
    typealias Failure = CallRecord.DecodingError

    func string(_ field: String) throws(Failure) -> String? {
        switch json[field] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw Failure(field: field, problem: "expected a string or null")
        }
    }

    func required(_ field: String) throws(Failure) -> String {
        guard let text = try string(field) else { throw Failure(field: field, problem: "missing") }
        return text
    }

    func enumeration<Value: RawRepresentable<String>>(_ field: String) throws(Failure) -> Value {
        let text = try required(field)
        guard let value = Value(rawValue: text) else { throw Failure(field: field, problem: "unknown value \"\(text)\"") }
        return value
    }

    func int(_ field: String) throws(Failure) -> Int? {
        switch json[field] {
        case nil, .null?: return nil
        case let value?:
            guard case .number = value, let number = value.intValue else {
                throw Failure(field: field, problem: "expected an integer or null")
            }
            return number
        }
    }

    func double(_ field: String) throws(Failure) -> Double? {
        switch json[field] {
        case nil, .null?: return nil
        case let value?:
            guard case .number = value, let number = value.doubleValue else {
                throw Failure(field: field, problem: "expected a number or null")
            }
            return number
        }
    }

    func date(_ field: String) throws(Failure) -> Date? {
        guard let text = try string(field) else { return nil }
        guard let date = RFC3339.date(from: text) else { throw Failure(field: field, problem: "not an RFC 3339 time: \(text)") }
        return date
    }

    func strings(_ field: String) throws(Failure) -> [String] {
        guard let value = json[field], value != .null else { return [] }
        guard let elements = value.arrayValue else { throw Failure(field: field, problem: "expected an array of strings") }
        var result: [String] = []
        for element in elements {
            guard case .string(let text) = element else { throw Failure(field: field, problem: "expected an array of strings") }
            result.append(text)
        }
        return result
    }
}
