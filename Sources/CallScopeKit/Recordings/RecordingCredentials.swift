import AsyncHTTPClient
import Foundation

/// The bearer token a provider wants on its recordings (VBot: `GET …/record/{id}` needs the
/// account's token), from the same token source and cache as the account's client. It is sent
/// only to the account's own host, never to a third party a URL might point at.
public struct RecordingCredentials: Sendable {
    let auth: TokenManager
    let transport: HTTPTransport
    let base: URL

    /// The credentials of `account`'s recordings; nil for providers whose recording URLs are open links.
    public static func make(for account: AccountConfig, http: @autoclosure @escaping @Sendable () -> HTTPClient = .callscope, tokenCache: TokenCache?) -> RecordingCredentials? {
        guard let settings = account.vbot else { return nil }
        let transport = HTTPTransport(account: account.name, client: http(), timeoutSeconds: account.timeoutSeconds)
        return RecordingCredentials(auth: VBotAPI.tokenManager(account: account, settings: settings, tokenCache: tokenCache),
                                    transport: transport, base: account.baseURL)
    }

    func applies(to url: URL) -> Bool {
        url.scheme == base.scheme && url.host == base.host && url.port == base.port
    }

    func token() async throws -> String { try await auth.token(using: transport) }

    /// A new token after `rejected` was refused, or nil when the token cannot be replaced.
    func renewed(rejecting rejected: String) async throws -> String? {
        guard auth.renewable else { return nil }
        return try await auth.refresh(rejected: rejected, using: transport)
    }
}
