/// What a client of a provider with a login holds: the account, its settings for that provider,
/// the transport, and the bearer token (the configured one or the provider's login).
struct ProviderSession<Settings: Sendable>: Sendable {
    let account: AccountConfig
    let settings: Settings
    let transport: HTTPTransport
    let auth: TokenManager

    /// `settings` are the account's for the provider; without them the account lacks `key`.
    init(account: AccountConfig, settings: Settings?, key: String, transport: HTTPTransport,
         auth: (Settings) -> TokenManager) throws {
        guard let settings else { throw CallScopeError.configuration(account: account.name, key: key, problem: "is missing") }
        self.account = account
        self.settings = settings
        self.transport = transport
        self.auth = auth(settings)
    }
}
