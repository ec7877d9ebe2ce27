/// VBot `/api/campaignCall/cdr/getAll` records (vbot-campaign-cdr.vi.md). Campaign calls are
/// placed by the system, so every call is outbound.
public enum VBotCampaignMapping {
    public static func map(_ raw: JSONValue, context: MappingContext) -> MappedCall {
        var reader = RecordReader(raw: raw, context: context)
        let id = reader.id(["trans_id"])
        let (disposition, providerStatus) = reader.vbotDisposition("disposition")

        let record = CallRecord(
            account: context.account,
            provider: .vbotCampaign,
            id: id,
            direction: .outbound,
            from: reader.string("hotline", "phone_number"),
            to: reader.string("phone"),
            agent: reader.string("member", "vbot_id"),
            agentName: reader.string("member", "name"),
            customerName: reader.string("name"),
            startedAt: reader.epoch("create_at"),
            answeredAt: reader.epoch("answer_at"),
            endedAt: reader.epoch("end_call_at"),
            talkSeconds: reader.duration("billsec"),
            durationSeconds: reader.duration("duration"),
            disposition: disposition,
            providerStatus: providerStatus,
            cost: reader.amount("postage"),
            campaign: reader.string("campaign_code"),
            annotationSource: .local,
            raw: raw
        )
        return reader.finish(record)
    }
}
