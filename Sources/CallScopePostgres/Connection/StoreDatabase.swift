import CallScopeKit
import Logging
import PostgresNIO
import Synchronization

/// The team store's connections: a PostgresNIO pool (connections made on demand, dropped when
/// the server closes them, so that the store carries on once a restarted server is back), every
/// error turned into a `TeamStoreError` naming `[store]`, and no wait for a connection longer
/// than the URL's `connect_timeout`.
final class StoreDatabase: Sendable {
    let url: String
    let logger: Logger
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let connectTimeout: Duration
    private let settings: PostgresStoreSettings

    init(settings: PostgresStoreSettings, logger: Logger = StoreDatabase.silentLogger) throws {
        url = settings.url
        self.settings = settings
        self.logger = logger
        connectTimeout = .milliseconds(Int64(settings.connectTimeoutSeconds * 1000))
        do {
            client = PostgresClient(configuration: try ClientConfiguration.pool(settings), backgroundLogger: logger)
        } catch {
            throw TeamStoreError.unreachable(url: settings.url, detail: "TLS cannot be set up: \(error)")
        }
        runner = Task { [client] in await client.run() }
    }

    deinit { runner.cancel() }

    /// Closes every connection; the store cannot be used afterwards.
    func close() {
        runner.cancel()
    }

    /// Connects once, outside the pool, and disconnects: the pool retries a failing login in
    /// the background and would only say that no connection came, where this says why (a wrong
    /// password, a refused connection, a certificate that does not verify).
    func probe() async throws {
        do {
            let configuration = try ClientConfiguration.connection(settings)
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try await connection.close()
        } catch {
            throw TeamStoreError.from(error, url: url, connecting: true)
        }
    }

    static let silentLogger = Logger(label: "callscope.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Runs `body` on a pooled connection. With `retry`, a body that fails because the connection
    /// was lost (a server restart closes every connection) runs once more on a new one: only for
    /// work that may run twice (reads, idempotent writes).
    func withConnection<T: Sendable>(retry: Bool = true, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await leased(body)
        } catch let error as TeamStoreError where retry && error.isConnectionLoss {
            return try await leased(body)
        }
    }

    /// Runs `body` in a transaction (committed when it returns, rolled back when it throws).
    func transaction<T: Sendable>(retry: Bool = true, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await withConnection(retry: retry) { [logger] connection in
            try await connection.withTransaction(logger: logger) { try await body($0) }
        }
    }

    /// `body` on a leased connection; fails when no connection comes within the connect timeout
    /// (the pool itself would wait for a minute).
    private func leased<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let hasConnection = Flag()
        do {
            return try await withThrowingTaskGroup(of: Outcome<T>.self) { group in
                group.addTask { [client] in
                    .finished(try await client.withConnection { connection in
                        hasConnection.set()
                        return try await body(connection)
                    })
                }
                group.addTask { [connectTimeout, url] in
                    try await Task.sleep(for: connectTimeout)
                    guard hasConnection.isSet else {
                        throw TeamStoreError.unreachable(url: url, detail: "no connection within \(connectTimeout) (connect_timeout)")
                    }
                    return .timerExpired
                }
                while let outcome = try await group.next() {
                    if case .finished(let value) = outcome {
                        group.cancelAll()
                        return value
                    }
                }
                throw CancellationError()
            }
        } catch {
            throw TeamStoreError.from(error, url: url)
        }
    }

    private enum Outcome<T: Sendable>: Sendable {
        case finished(T)
        case timerExpired
    }

    /// Set once, read from any task.
    private final class Flag: Sendable {
        private let value = Atomic(false)
        func set() { value.store(true, ordering: .releasing) }
        var isSet: Bool { value.load(ordering: .acquiring) }
    }
}
