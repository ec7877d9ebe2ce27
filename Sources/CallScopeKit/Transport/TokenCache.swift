import Foundation

/// Tokens obtained by logins, kept in `tokens.json` of the data folder until they expire, so that
/// the next run (or another callscope running at the same time) reuses them: ICSOC allows 128
/// logins a day. One entry per login (`TokenSource.cacheKey`), all accounts in one file.
///
/// A file that cannot be read or written never stops a fetch (the token is still good in memory);
/// the failure goes to `reporter`, once per process.
public final class TokenCache: Sendable {
    public let file: StateFile<[String: IssuedToken]>
    private let reporter: StateFileReporter?

    public init(file: URL, reporter: StateFileReporter? = nil) {
        self.file = StateFile(file, empty: [:])
        self.reporter = reporter
    }

    public var fileURL: URL { file.url }

    /// The cached token of `key`, if the file has one (fresh or not: its refresh token may still serve).
    public func token(for key: String) -> IssuedToken? {
        do { return try file.read()[key] } catch {
            reporter?.report(error)
            return nil
        }
    }

    /// Stores `token` beside the other logins' tokens, dropping expired ones.
    public func store(_ token: IssuedToken, for key: String, now: Date = Date()) {
        change { all in
            all[key] = token
            all = all.filter { $0.value.expiresAt > now }
        }
    }

    /// Forgets `key`'s token (the provider refused it).
    public func remove(_ key: String) {
        guard token(for: key) != nil else { return }
        change { $0.removeValue(forKey: key) }
    }

    private func change(_ body: (inout [String: IssuedToken]) -> Void) {
        do { try file.update(body) } catch { reporter?.report(error) }
    }
}
