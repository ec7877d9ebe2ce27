/// VBot `/api/crm/historycall/getAll` records (vbot-crm-historycall.vi.md). A record is a group
/// of legs (`caller[]`, `callee[]`), kept in `raw` for the detail pane.
public enum VBotCRMMapping {
    public static func map(_ raw: JSONValue, context: MappingContext) -> MappedCall {
        var reader = RecordReader(raw: raw, context: context)
        let id = reader.id(["group_id"], ["external_call_id"])
        let (disposition, providerStatus) = reader.vbotDisposition("disposition")

        let record = CallRecord(
            account: context.account,
            provider: .vbotCRM,
            id: id,
            direction: direction(&reader),
            from: reader.string("caller", 0, "phone"),
            to: reader.string("callee", 0, "phone"),
            agent: firstMemberNumber(&reader),
            startedAt: reader.naiveTime("date_create"),
            durationSeconds: reader.duration("duration_call"),
            disposition: disposition,
            providerStatus: providerStatus,
            recordingURL: reader.string("record_file", 0),
            annotationSource: .local,
            raw: raw
        )
        return reader.finish(record)
    }

    /// `type_call` `1`/`in`/`inbound` inbound, `2`/`out`/`outbound` outbound (any case).
    private static func direction(_ reader: inout RecordReader) -> Direction {
        guard let word = reader.string("type_call") else { return .unknown }
        switch word.lowercased() {
        case "1", "in", "inbound": return .inbound
        case "2", "out", "outbound": return .outbound
        default:
            reader.unknownValue("type_call", value: word)
            return .unknown
        }
    }

    /// The `member_no` of the first leg that has one, caller legs before callee legs.
    private static func firstMemberNumber(_ reader: inout RecordReader) -> String? {
        for side in ["caller", "callee"] {
            for leg in 0..<reader.count(.key(side)) {
                if let member = reader.string(at: [.key(side), .index(leg), "member_no"]) { return member }
            }
        }
        return nil
    }
}
