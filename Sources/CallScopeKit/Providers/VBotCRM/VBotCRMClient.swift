import Foundation

/// VBot CRM call history: `getAll`/`countAll` by `from`/`to` (epoch seconds) and phone.
struct VBotCRMClient: CallProvider {
    let api: VBotAPI
    var account: AccountConfig { api.account }

    init(account: AccountConfig, transport: HTTPTransport, tokenCache: TokenCache?) throws {
        api = try VBotAPI(account: account, transport: transport, tokenCache: tokenCache)
    }

    var capabilities: ProviderCapabilities {
        ProviderCapabilities(remoteAnnotations: false, totalCount: true, cursorPagination: false,
                             maxWindowDays: account.maxWindowDays, push: false)
    }

    func calls(_ query: CallQuery) -> CallPages {
        let filters = (query.phone ?? query.providerFilters["phone"]).map { [("phone", $0)] } ?? []
        return api.calls(query, list: "/api/crm/historycall/getAll", count: "/api/crm/historycall/countAll", filters: filters) {
            VBotAPI.epochRange($0, from: "from", to: "to")
        }
    }

    func call(id: String) async throws -> CallRecord { try await scanForCall(id: id) }
}
