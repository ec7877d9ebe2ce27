import Foundation

/// An access token and when it stops working.
public struct IssuedToken: Codable, Sendable, Equatable {
    public var accessToken: String
    public var refreshToken: String?
    public var expiresAt: Date

    public init(accessToken: String, refreshToken: String? = nil, expiresAt: Date) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
    }

    /// Usable for at least another minute.
    func isFresh(now: Date = Date()) -> Bool { expiresAt.timeIntervalSince(now) > 60 }
}

/// How an account gets a token: a static one, or a login of the provider's kind.
public protocol TokenSource: Sendable {
    /// Identifies the login (provider, host, user) in the token cache; never holds a secret.
    /// Empty for a token that needs no caching.
    var cacheKey: String { get }
    /// Whether a refused token can be replaced by another login.
    var renewable: Bool { get }
    /// Logs in, or uses `refreshToken` when there is one and the provider supports it.
    func obtain(refreshToken: String?, transport: HTTPTransport) async throws -> IssuedToken
}

/// A token given in the config: it never expires and cannot be replaced.
public struct StaticTokenSource: TokenSource {
    let token: String
    public var cacheKey: String { "" }
    public var renewable: Bool { false }

    public init(token: String) { self.token = token }

    public func obtain(refreshToken: String?, transport: HTTPTransport) async throws -> IssuedToken {
        IssuedToken(accessToken: token, expiresAt: .distantFuture)
    }
}

/// Hands out an account's token: from memory, else from the token cache on disk (so the next
/// run reuses it: ICSOC allows 128 logins a day), else by one login however many requests ask at
/// once. A refused token is replaced once, by a refresh or a new login.
public actor TokenManager {
    private let source: any TokenSource
    private let cache: TokenCache?
    private var current: IssuedToken?
    private var pending: Task<IssuedToken, any Error>?

    public init(source: any TokenSource, cache: TokenCache?) {
        self.source = source
        self.cache = cache
    }

    /// Whether a refused token can be replaced (else a 401 is final).
    nonisolated var renewable: Bool { source.renewable }

    public func token(using transport: HTTPTransport) async throws -> String {
        if let current, current.isFresh() { return current.accessToken }
        let cached = source.cacheKey.isEmpty ? nil : cache?.token(for: source.cacheKey)
        if let cached, cached.isFresh() {
            current = cached
            return cached.accessToken
        }
        return try await obtain(refresh: current?.refreshToken ?? cached?.refreshToken, transport: transport)
    }

    /// Replaces `rejected` (unless another request already did) and returns the new token.
    public func refresh(rejected: String?, using transport: HTTPTransport) async throws -> String {
        if let current, current.accessToken != rejected, current.isFresh() { return current.accessToken }
        let refreshToken = current?.refreshToken
        current = nil
        if !source.cacheKey.isEmpty { cache?.remove(source.cacheKey) }
        return try await obtain(refresh: refreshToken, transport: transport)
    }

    private func obtain(refresh: String?, transport: HTTPTransport) async throws -> String {
        if let pending { return try await pending.value.accessToken }
        let source = self.source
        let task = Task {
            // A refresh token saves a full login; when it is refused, log in again.
            if let refresh, let renewed = try? await source.obtain(refreshToken: refresh, transport: transport) {
                return renewed
            }
            return try await source.obtain(refreshToken: nil, transport: transport)
        }
        pending = task
        defer { pending = nil }
        let issued = try await task.value
        current = issued
        if !source.cacheKey.isEmpty { cache?.store(issued, for: source.cacheKey) }
        return issued.accessToken
    }
}
