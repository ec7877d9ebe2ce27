/// OMICall `/api/call_transaction/list` items and `/detail`, `/change` payloads
/// (omicall-call-transaction.vi.md). Notes and tags are remote: the change API writes them back.
public enum OMICallMapping {
    public static func map(_ raw: JSONValue, context: MappingContext) -> MappedCall {
        var reader = RecordReader(raw: raw, context: context)
        let id = reader.id(["transaction_id"])

        let status = reader.string("disposition")
        let disposition: Disposition = if let status { disposition(for: status, reader: &reader) } else { .unknown }
        let startedAt = reader.epoch("time_start_to_answer")
        let durationSeconds = reader.duration("duration")

        let record = CallRecord(
            account: context.account,
            provider: .omicall,
            id: id,
            direction: direction(&reader),
            from: reader.string("source_number"),
            to: reader.string("destination_number"),
            agent: reader.string("sip_user"),
            agentName: reader.string("user", 0, "full_name"),
            customerName: reader.string("customer", "full_name"),
            startedAt: startedAt,
            endedAt: TimeArithmetic.adding(durationSeconds, to: startedAt),
            talkSeconds: reader.duration("bill_sec"),
            durationSeconds: durationSeconds,
            disposition: disposition,
            providerStatus: status,
            recordingURL: reader.string("recording_file"),
            cost: reader.amount("call_out_price"),
            tags: reader.strings("tag"),
            note: reader.string("note"),
            annotationSource: .remote,
            raw: raw
        )
        return reader.finish(record)
    }

    private static func direction(_ reader: inout RecordReader) -> Direction {
        guard let word = reader.string("direction") else { return .unknown }
        switch word.lowercased() {
        case "inbound": return .inbound
        case "outbound": return .outbound
        case "local": return .internal
        default:
            reader.unknownValue("direction", value: word)
            return .unknown
        }
    }

    private static func disposition(for word: String, reader: inout RecordReader) -> Disposition {
        switch word.lowercased() {
        case "answered": return .answered
        case "cancelled": return .missed
        default:
            reader.unknownValue("disposition", value: word)
            return .unknown
        }
    }
}
