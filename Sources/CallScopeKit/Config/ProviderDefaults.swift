import Foundation

/// What an account of a provider gets when its config leaves a key out, and the limits the
/// provider itself enforces (a config value above a limit is lowered to it, with a warning).
public struct ProviderDefaults: Sendable, Equatable {
    public var baseURL: URL
    public var timeZoneIdentifier: String
    public var pageSize: Int
    /// The largest page the provider serves (caresoft `count` ≤ 500, vbot `size` ≤ 100); nil: not documented.
    public var maximumPageSize: Int?
    /// nil: no limit on the range of one request.
    public var maxWindowDays: Int?
    /// The longest range the provider honours (caresoft silently narrows beyond 31 days).
    public var maximumWindowDays: Int?
    /// nil: no client-side throttle.
    public var requestsPerSecond: Double?
    /// Above this the provider refuses (and caresoft locks the domain out after 20 refusals).
    public var maximumRequestsPerSecond: Double?
    public var timeoutSeconds: Double

    public init(_ provider: ProviderKind) {
        timeZoneIdentifier = provider.defaultTimeZoneIdentifier
        timeoutSeconds = 30
        maximumPageSize = nil
        maxWindowDays = nil
        maximumWindowDays = nil
        requestsPerSecond = nil
        maximumRequestsPerSecond = nil
        switch provider {
        case .caresoft:
            baseURL = URL(string: "https://api.caresoft.vn")!
            pageSize = 500
            maximumPageSize = 500
            maxWindowDays = 31
            maximumWindowDays = 31
            requestsPerSecond = 15
            maximumRequestsPerSecond = 15
        case .omicall:
            baseURL = URL(string: "https://public-v1-stg.omicall.com")!
            pageSize = 100
            maxWindowDays = 3
        case .vbotCampaign, .vbotCRM:
            baseURL = URL(string: "https://open-api.vbot.vn/v2.0")!
            pageSize = 100
            maximumPageSize = 100
        case .icsoc:
            baseURL = URL(string: "https://autocall.icsoc.net")!
            pageSize = 100
        }
    }

    /// ICSOC's OAuth host, for `auth_url`.
    public static let icsocAuthURL = URL(string: "https://account.icsoc.net")!
}

extension ProviderKind {
    /// Defaults and limits of the config keys for accounts of this provider.
    public var configDefaults: ProviderDefaults { ProviderDefaults(self) }
}
