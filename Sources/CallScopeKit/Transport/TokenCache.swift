import Foundation
import Synchronization

/// Tokens obtained by logins, kept in a file of the data folder (mode 0600) until they expire, so
/// that the next run reuses them.
public final class TokenCache: Sendable {
    public let fileURL: URL
    private let entries: Mutex<[String: IssuedToken]?> = Mutex(nil)

    public init(file: URL) { fileURL = file }

    public func token(for key: String) -> IssuedToken? {
        entries.withLock { state in
            if state == nil { state = load() }
            return state?[key]
        }
    }

    public func store(_ token: IssuedToken, for key: String) {
        entries.withLock { state in
            var all = load()   // re-read: another process may have stored a token meanwhile
            all[key] = token
            all = all.filter { $0.value.expiresAt > Date() }
            state = all
            save(all)
        }
    }

    public func remove(_ key: String) {
        entries.withLock { state in
            var all = load()
            guard all.removeValue(forKey: key) != nil else { state = all; return }
            state = all
            save(all)
        }
    }

    private func load() -> [String: IssuedToken] {
        guard let data = try? Data(contentsOf: fileURL) else { return [:] }
        return (try? Self.decoder.decode([String: IssuedToken].self, from: data)) ?? [:]
    }

    private func save(_ all: [String: IssuedToken]) {
        guard let data = try? Self.encoder.encode(all) else { return }
        let manager = FileManager.default
        try? manager.createDirectory(at: fileURL.deletingLastPathComponent(), withIntermediateDirectories: true,
                                     attributes: [.posixPermissions: 0o700])
        // Written to a private temporary file and renamed, so the file is never readable by others
        // nor half-written.
        let temporary = fileURL.appendingPathExtension("tmp-\(getpid())")
        guard manager.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600]) else { return }
        _ = try? manager.replaceItemAt(fileURL, withItemAt: temporary)
        if !manager.fileExists(atPath: fileURL.path) { try? manager.moveItem(at: temporary, to: fileURL) }
    }

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .secondsSince1970
        return e
    }()

    private static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .secondsSince1970
        return d
    }()
}
