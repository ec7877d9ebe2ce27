import NIOSSL
import PostgresNIO
import _ConnectionPoolModule

/// What can go wrong with the team store; every message names `[store]` and its URL (which holds
/// no password), never the password.
public enum TeamStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No connection: the server is down or unreachable, refused the login, or TLS failed.
    case unreachable(url: String, detail: String)
    /// The server refused a statement.
    case failed(url: String, detail: String)
    /// The database was migrated by a newer callscope.
    case schemaTooNew(url: String, version: Int, known: Int)

    public var description: String {
        switch self {
        case .unreachable(let url, let detail): "[store] \(url): cannot reach the database: \(detail)"
        case .failed(let url, let detail): "[store] \(url): \(detail)"
        case .schemaTooNew(let url, let version, let known):
            "[store] \(url): the database's schema is version \(version), newer than this callscope's \(known): upgrade callscope"
        }
    }

    /// Whether the connection was lost or could not be made (a retry on a new connection may work).
    var isConnectionLoss: Bool {
        if case .unreachable = self { return true }
        return false
    }

    /// PostgresNIO's error as the user should read it.
    static func from(_ error: any Error, url: String, connecting: Bool = false) -> any Error {
        switch error {
        case let error as NIOSSLError where connecting: return TeamStoreError.unreachable(url: url, detail: "TLS: \(error)")
        case let error as BoringSSLError where connecting: return TeamStoreError.unreachable(url: url, detail: "TLS: \(error)")
        case _ where connecting && !(error is PSQLError) && !(error is CancellationError):
            return TeamStoreError.unreachable(url: url, detail: "\(error)")
        case let error as TeamStoreError: return error
        case is CancellationError: return error
        case let error as PostgresTransactionError:
            return from(error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError ?? error, url: url)
        case let error as PSQLError: return from(error, url: url)
        case let error as ConnectionPoolError where error == .connectionCreationCircuitBreakerTripped:
            return TeamStoreError.unreachable(url: url, detail: "no connection could be made for a while")
        default: return error
        }
    }

    private static func from(_ error: PSQLError, url: String) -> TeamStoreError {
        if let info = error.serverInfo {
            let state = info[.sqlState] ?? ""
            var detail = info[.message] ?? "error \(state)"
            if let more = info[.detail] { detail += " (\(more))" }
            // 08: connection exceptions, 28: bad login, 57P: the server is shutting down or restarting.
            if state.hasPrefix("08") || state.hasPrefix("28") || state.hasPrefix("57P") || state == "3D000" {
                return .unreachable(url: url, detail: detail)
            }
            return .failed(url: url, detail: detail)
        }
        let detail = error.underlying.map { "\($0)" } ?? "\(error.code)"
        switch error.code {
        case .sslUnsupported: return .unreachable(url: url, detail: "the server does not offer TLS, which sslmode asks for")
        case .queryCancelled, .tooManyParameters, .invalidCommandTag, .messageDecodingFailure, .unexpectedBackendMessage:
            return .failed(url: url, detail: detail)
        default: return .unreachable(url: url, detail: detail)
        }
    }
}
