/// Picks the mapping for a provider's list/search records.
public enum CallMapping {
    /// Maps one record of `context.provider`'s call list (for ICSOC: a search result; pushes go
    /// through `ICSOCMapping.mapPush`). Never fails: an odd record comes back with warnings.
    public static func map(_ raw: JSONValue, context: MappingContext) -> MappedCall {
        mapper(for: context.provider)(raw, context)
    }

    /// Maps a page of records in order.
    public static func map(page records: [JSONValue], context: MappingContext) -> [MappedCall] {
        let mapper = mapper(for: context.provider)
        return records.map { mapper($0, context) }
    }

    /// The mapping function of `provider`'s list records.
    public static func mapper(for provider: ProviderKind) -> @Sendable (JSONValue, MappingContext) -> MappedCall {
        switch provider {
        case .caresoft: return CareSoftMapping.map
        case .omicall: return OMICallMapping.map
        case .vbotCampaign: return VBotCampaignMapping.map
        case .vbotCRM: return VBotCRMMapping.map
        case .icsoc: return ICSOCMapping.map
        }
    }
}
