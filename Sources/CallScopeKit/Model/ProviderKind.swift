/// The five telephony providers callscope reads. Raw values are the config's `provider` names.
public enum ProviderKind: String, Sendable, Hashable, CaseIterable, Codable {
    case caresoft
    case omicall
    case vbotCampaign = "vbot-campaign"
    case vbotCRM = "vbot-crm"
    case icsoc

    /// The IANA zone naive timestamps are read in when the account names none.
    public var defaultTimeZoneIdentifier: String {
        switch self {
        case .caresoft, .omicall, .vbotCampaign, .vbotCRM: return "Asia/Ho_Chi_Minh"
        case .icsoc: return "Asia/Shanghai"
        }
    }

    /// Where notes and tags live: OMICall's change API stores them at the provider.
    public var annotationSource: AnnotationSource {
        self == .omicall ? .remote : .local
    }
}
