import Foundation

/// VBot campaign calls: `getAll`/`countAll` by `start_date`/`end_date` (epoch seconds) for the
/// account's bot, and the bot conversation of a call.
struct VBotCampaignClient: BotConversationProviding {
    let api: VBotAPI
    var account: AccountConfig { api.account }

    init(account: AccountConfig, transport: HTTPTransport, tokenCache: TokenCache?) throws {
        api = try VBotAPI(account: account, transport: transport, tokenCache: tokenCache)
        guard api.settings.botID != nil else { throw CallScopeError.configuration(account: account.name, key: "bot_id", problem: "is missing") }
    }

    var capabilities: ProviderCapabilities {
        ProviderCapabilities(remoteAnnotations: false, totalCount: true, cursorPagination: false,
                             maxWindowDays: account.maxWindowDays, push: false)
    }

    private var bot: [(String, String)] { [("bot_id", api.settings.botID ?? "")] }

    func calls(_ query: CallQuery) -> CallPages {
        var filters = bot
        if let phone = query.phone { filters.append(("key", phone)) }
        if let agent = query.agent { filters.append(("member", agent)) }
        for (key, value) in query.providerFilters.sorted(by: { $0.key < $1.key }) {
            filters.removeAll { $0.0 == key }
            filters.append((key, value))
        }
        return api.calls(query, list: "/api/campaignCall/cdr/getAll", count: "/api/campaignCall/cdr/countAll", filters: filters) {
            VBotAPI.epochRange($0, from: "start_date", to: "end_date")
        }
    }

    func call(id: String) async throws -> CallRecord { try await scanForCall(id: id) }

    /// The conversation between the bot and the customer, as VBot writes it.
    func botConversation(id: String) async throws -> String {
        try await api.get("/api/campaignCall/cdr/getBotConversation", api.ids + bot + [("trans_id", id)]).stringValue ?? ""
    }
}
