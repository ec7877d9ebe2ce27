import AsyncHTTPClient
import Foundation

/// What a provider's API can do, for the TUI's account picker and the CLI.
public struct ProviderCapabilities: Sendable, Equatable {
    /// Notes and tags are written back to the provider (else kept locally).
    public var remoteAnnotations: Bool
    /// The provider says how many calls match.
    public var totalCount: Bool
    /// Pages are reached by a cursor rather than by number.
    public var cursorPagination: Bool
    /// The longest range one list request may span.
    public var maxWindowDays: Int?
    /// The provider pushes finished calls to a receiver.
    public var push: Bool

    public init(remoteAnnotations: Bool, totalCount: Bool, cursorPagination: Bool, maxWindowDays: Int?, push: Bool) {
        self.remoteAnnotations = remoteAnnotations
        self.totalCount = totalCount
        self.cursorPagination = cursorPagination
        self.maxWindowDays = maxWindowDays
        self.push = push
    }
}

/// One provider account's calls. Every provider implements it with the shared transport, token
/// handling and paging, so the TUI and the CLI get the same normalized calls.
public protocol CallProvider: Sendable {
    var account: AccountConfig { get }
    var capabilities: ProviderCapabilities { get }
    /// The calls of `query`, newest first, a page fetched each time one is pulled. Cancelling the
    /// consumer stops the fetch.
    func calls(_ query: CallQuery) -> CallPages
    /// One call by its id.
    func call(id: String) async throws -> CallRecord
    /// Writes a note and tags to the provider; only where `capabilities.remoteAnnotations`.
    func annotate(id: String, note: String, tags: [String]) async throws -> CallRecord
}

extension CallProvider {
    public func annotate(id: String, note: String, tags: [String]) async throws -> CallRecord {
        throw CallScopeError.unsupported(account: account.name, what: "\(account.provider.rawValue) has no API to write notes or tags")
    }

    /// All calls of `query` collected (for small queries and tests).
    public func allCalls(_ query: CallQuery) async throws -> [CallRecord] {
        var all: [CallRecord] = []
        for try await page in calls(query) { all += page.records }
        return all
    }

    /// Finds a call by scanning the history, for providers without a lookup by id.
    func scanForCall(id: String, days: Int = 120) async throws -> CallRecord {
        let now = Date()
        for try await page in calls(CallQuery(from: now.addingTimeInterval(-Double(days) * 86400), to: now)) {
            if let record = page.records.first(where: { $0.id == id }) { return record }
        }
        throw CallScopeError.notFound(account: account.name, id: id)
    }

    var context: MappingContext { MappingContext(account: account.name, provider: account.provider, timeZone: account.timeZone) }

    /// Maps one raw record of this provider.
    func map(_ raw: JSONValue) -> CallRecord { CallMapping.map(raw, context: context).record }

    /// The page size to ask for: the account's, within the provider's maximum.
    func pageSize(max: Int) -> Int { min(max, account.pageSize) }

}

/// The client for an account's provider.
public enum ProviderClients {
    public static func make(_ account: AccountConfig, http: @autoclosure @escaping @Sendable () -> HTTPClient = .callscope, tokenCache: TokenCache?) throws -> any CallProvider {
        let transport = HTTPTransport(account: account.name, client: http(), requestsPerSecond: account.requestsPerSecond,
                                      timeoutSeconds: account.timeoutSeconds)
        switch account.provider {
        case .caresoft: return try CareSoftClient(account: account, transport: transport)
        case .omicall: return try OMICallClient(account: account, transport: transport, tokenCache: tokenCache)
        case .vbotCampaign: return try VBotCampaignClient(account: account, transport: transport, tokenCache: tokenCache)
        case .vbotCRM: return try VBotCRMClient(account: account, transport: transport, tokenCache: tokenCache)
        case .icsoc: return try ICSOCClient(account: account, transport: transport, tokenCache: tokenCache)
        }
    }

}

/// A provider that records a conversation with each call (VBot campaign bots).
public protocol BotConversationProviding: CallProvider {
    func botConversation(id: String) async throws -> String
}
