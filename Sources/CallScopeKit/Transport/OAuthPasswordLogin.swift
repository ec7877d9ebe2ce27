import Foundation

/// The OAuth2 login VBot and ICSOC share: a form POSTed to the token URL with the password grant,
/// or the refresh_token grant when a refresh token is at hand. `expires_in` is trusted (VBot's
/// docs' "24 h" is not).
struct OAuthPasswordLogin: TokenSource {
    /// The host the token comes from, and its path there.
    let host: URL
    let tokenPath: String
    /// The provider's name, for the token cache's key.
    let provider: String
    /// Sent with either grant (ICSOC's client id and secret); the id is part of the cache key.
    var client: (id: String, secret: String)?
    let username: String
    let password: String
    /// Sent with the password grant only (ICSOC's scope).
    var passwordGrantExtras: [(String, String)] = []
    let account: String

    var cacheKey: String { ([provider, host.absoluteString] + (client.map { [$0.id] } ?? []) + [username]).joined(separator: "|") }
    var renewable: Bool { true }

    func obtain(refreshToken: String?, transport: HTTPTransport) async throws -> IssuedToken {
        var form = client.map { [("client_id", $0.id), ("client_secret", $0.secret)] } ?? []
        if let refreshToken {
            form += [("grant_type", "refresh_token"), ("refresh_token", refreshToken)]
        } else {
            form += [("grant_type", "password"), ("username", username), ("password", password)] + passwordGrantExtras
        }
        let spec = HTTPRequestSpec(.POST, host.appending(rawPath: tokenPath), body: .form(form), authenticated: false)
        return try await transport.send(spec) { reply throws(AnswerProblem) in
            let json = try reply.parsedJSON()
            guard (200..<300).contains(reply.status), let token = json["access_token"]?.stringValue else {
                throw .final(.auth(account: account, request: spec.summary, words: reply.providerWords))
            }
            let lifetime = Double(json["expires_in"]?.intValue ?? 3600)
            return IssuedToken(accessToken: token, refreshToken: json["refresh_token"]?.stringValue,
                               expiresAt: Date().addingTimeInterval(lifetime))
        }
    }
}

extension TokenManager {
    /// A token written in the config, used as it is (never cached, never renewed).
    static func configured(_ token: Secret) -> TokenManager {
        TokenManager(source: StaticTokenSource(token: token.reveal), cache: nil)
    }
}
