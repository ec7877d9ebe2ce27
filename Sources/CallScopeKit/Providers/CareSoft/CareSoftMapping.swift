/// CareSoft `GET {domain}/api/v1/calls` records (caresoft-calls.vi.txt).
public enum CareSoftMapping {
    public static func map(_ raw: JSONValue, context: MappingContext) -> MappedCall {
        var reader = RecordReader(raw: raw, context: context)
        let id = reader.id(["call_id"])

        let callStatus = reader.string("call_status")
        let disposition: Disposition =
            if let callStatus { disposition(forCallStatus: callStatus, reader: &reader) } else { .unknown }
        let startedAt = reader.naiveTime("start_time")
        let endedAt = reader.naiveTime("end_time")
        let waitSeconds = reader.duration("wait_time")

        let record = CallRecord(
            account: context.account,
            provider: .caresoft,
            id: id,
            direction: direction(&reader),
            from: reader.string("caller"),
            to: reader.string("called"),
            agent: reader.string("agent_id"),
            startedAt: startedAt,
            answeredAt: disposition == .answered ? TimeArithmetic.adding(waitSeconds, to: startedAt) : nil,
            endedAt: endedAt,
            waitSeconds: waitSeconds,
            talkSeconds: reader.duration("talk_time"),
            holdSeconds: reader.duration("hold_time"),
            durationSeconds: reader.span(from: startedAt, to: endedAt, "end_time"),
            disposition: disposition,
            providerStatus: ProviderStatus.joined(callStatus, reader.string("missed_reason")),
            recordingURL: reader.string("path_download") ?? reader.string("path"),
            annotationSource: .local,
            raw: raw
        )
        return reader.finish(record)
    }

    /// `call_type` 0 inbound, 1 outbound; 3 (calls that slid through the IVR, a documented query
    /// filter) and absent are unknown without a warning.
    private static func direction(_ reader: inout RecordReader) -> Direction {
        switch reader.int("call_type") {
        case 0?: return .inbound
        case 1?: return .outbound
        case nil, 3?: return .unknown
        case let other?:
            reader.unknownValue("call_type", value: String(other))
            return .unknown
        }
    }

    /// `metAgent`/`meetAgent` (both spellings occur) answered, `miss` missed.
    private static func disposition(forCallStatus status: String, reader: inout RecordReader) -> Disposition {
        switch status.lowercased() {
        case "metagent", "meetagent": return .answered
        case "miss": return .missed
        default:
            reader.unknownValue("call_status", value: status)
            return .unknown
        }
    }
}
