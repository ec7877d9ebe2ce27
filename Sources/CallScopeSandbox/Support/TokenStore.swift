import Foundation
import Synchronization

/// Access tokens issued by a simulator's login endpoint, with their expiry and refresh tokens.
final class TokenStore: Sendable {
    enum Check: Equatable {
        case valid(subject: String)
        case missing
        case unknown
        case expired
    }

    struct Issued: Sendable {
        let accessToken: String
        let refreshToken: String
        let lifetimeSeconds: Int
    }

    private struct Grant {
        let subject: String
        let expires: ContinuousClock.Instant
    }

    private struct State {
        var access: [String: Grant] = [:]
        var refresh: [String: String] = [:]
        var issuedCount = 0
    }

    private let prefix: String
    private let state = Mutex(State())

    init(prefix: String) { self.prefix = prefix }

    func issue(subject: String, lifetime: Duration) -> Issued {
        let seconds = Int(lifetime.components.seconds)
        return state.withLock { s in
            s.issuedCount += 1
            let access = "\(prefix)-\(s.issuedCount)-\(Self.randomHex())"
            let refresh = "\(prefix)-refresh-\(s.issuedCount)-\(Self.randomHex())"
            s.access[access] = Grant(subject: subject, expires: .now + lifetime)
            s.refresh[refresh] = subject
            return Issued(accessToken: access, refreshToken: refresh, lifetimeSeconds: seconds)
        }
    }

    /// The subject of a refresh token, consuming it (a refresh token is good once).
    func redeem(refreshToken: String) -> String? {
        state.withLock { $0.refresh.removeValue(forKey: refreshToken) }
    }

    /// Checks an `Authorization` header value (`Bearer TOKEN`, the scheme in any case).
    func check(authorization: String?) -> Check {
        guard let authorization, authorization.lowercased().hasPrefix("bearer ") else { return .missing }
        let token = String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        return state.withLock { s in
            guard let grant = s.access[token] else { return .unknown }
            return grant.expires > .now ? .valid(subject: grant.subject) : .expired
        }
    }

    /// Expires a token early (the `expire=` share fault).
    func revoke(authorization: String?) {
        guard let authorization, authorization.count > 7 else { return }
        let token = String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        state.withLock { s in
            if let grant = s.access[token] { s.access[token] = Grant(subject: grant.subject, expires: .now) }
        }
    }

    var issuedCount: Int { state.withLock { $0.issuedCount } }

    private static func randomHex() -> String {
        String((0..<24).map { _ in "0123456789abcdef".randomElement()! })
    }
}
