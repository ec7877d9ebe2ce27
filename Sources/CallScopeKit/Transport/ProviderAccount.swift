import Foundation

/// What a provider client needs to know about an account: where it is, how to log in, and the
/// limits to respect. Built from the config file (or the sandbox).
public struct ProviderAccount: Sendable {
    public var name: String
    public var provider: ProviderKind
    public var baseURL: URL
    /// The provider's zone: naive timestamps are read and written in it.
    public var timeZone: TimeZone
    public var pageSize: Int?
    public var maxWindowDays: Int?
    /// Requests in any sliding second; nil means no client-side limit.
    public var requestsPerSecond: Int?
    public var timeoutSeconds: Double
    /// Provider-specific values that are not secret (`domain`, `vbot_id`, `project_code`,
    /// `bot_id`, `auth_url`, `client_id`, `username`, `project_id`), by their config key.
    public var settings: [String: String]
    /// Secrets (`token`, `api_key`, `password`, `client_secret`, `push_secret`), by config key.
    /// Never printed, logged or put into an error.
    public var secrets: [String: String]

    public init(name: String, provider: ProviderKind, baseURL: URL, timeZone: TimeZone? = nil, pageSize: Int? = nil,
                maxWindowDays: Int? = nil, requestsPerSecond: Int? = nil, timeoutSeconds: Double = 30,
                settings: [String: String] = [:], secrets: [String: String] = [:]) {
        self.name = name
        self.provider = provider
        self.baseURL = baseURL
        self.timeZone = timeZone ?? MappingContext.defaultTimeZone(for: provider)
        self.pageSize = pageSize
        self.maxWindowDays = maxWindowDays
        self.requestsPerSecond = requestsPerSecond ?? (provider == .caresoft ? 15 : nil)
        self.timeoutSeconds = timeoutSeconds
        self.settings = settings
        self.secrets = secrets
    }

    var mappingContext: MappingContext { MappingContext(account: name, provider: provider, timeZone: timeZone) }

    /// A required setting, or a configuration error naming the account and the key.
    func setting(_ key: String) throws(CallScopeError) -> String {
        guard let value = settings[key], !value.isEmpty else { throw .configuration(account: name, key: key, problem: "is missing") }
        return value
    }

    func secret(_ key: String) throws(CallScopeError) -> String {
        guard let value = secrets[key], !value.isEmpty else { throw .configuration(account: name, key: key, problem: "is missing") }
        return value
    }
}
