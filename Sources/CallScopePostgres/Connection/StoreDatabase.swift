import CallScopeKit
import Logging
import NIOCore
import NIOPosix
import NIOSSL
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

    /// Probes the server (saying why it cannot be used), then starts the pool on what it found.
    static func open(settings: PostgresStoreSettings, logger: Logger = StoreDatabase.silentLogger) async throws -> StoreDatabase {
        let tls: (configuration: TLSConfiguration, required: Bool)?
        do {
            tls = try ClientConfiguration.tls(settings)
        } catch {
            throw TeamStoreError.unreachable(url: settings.url, detail: "TLS cannot be set up: \(error)")
        }
        let probedTLS = try await probe(settings, tls: tls, logger: logger)
        return StoreDatabase(settings: settings, client: PostgresClient(configuration: ClientConfiguration.pool(settings, tls: tls, probedTLS: probedTLS),
                                                                        backgroundLogger: logger), logger: logger)
    }

    private init(settings: PostgresStoreSettings, client: PostgresClient, logger: Logger) {
        url = settings.url
        self.logger = logger
        self.client = client
        connectTimeout = ClientConfiguration.connectTimeout(settings)
        runner = Task { [client] in await client.run() }
    }

    deinit { runner.cancel() }

    /// Closes every connection; the store cannot be used afterwards.
    func close() {
        runner.cancel()
    }

    /// Connects once, outside the pool, and disconnects; whether TLS was used. The pool retries a
    /// failing login in the background and would only say that no connection came, where this
    /// says why (a wrong password, a refused connection, a certificate that does not verify, a
    /// server asking for the password in clear text without TLS).
    private static func probe(_ settings: PostgresStoreSettings, tls: (configuration: TLSConfiguration, required: Bool)?,
                              logger: Logger) async throws -> Bool {
        // Over TCP, on a channel of its own watched from its first byte: a password in clear
        // text only under sslmode=disable. A socket is this machine's: nothing to watch.
        let findings = StartupWatch.Findings()
        let refuseCleartext = settings.tls != .disable
        do {
            let channel: (any Channel)? = switch settings.endpoint {
            case .tcp(let host, let port):
                try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .connectTimeout(TimeAmount(ClientConfiguration.connectTimeout(settings)))
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(StartupWatch(refuseCleartext: refuseCleartext, findings: findings))
                        }
                    }
                    .connect(host: host, port: port).get()
            case .socket: nil
            }
            do {
                let configuration = try ClientConfiguration.probe(settings, tls: tls, channel: channel)
                // on the channel's own event loop (PostgresNIO sets up its handlers from there)
                let eventLoop = channel?.eventLoop ?? MultiThreadedEventLoopGroup.singleton.any()
                let connection = try await PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 0, logger: logger).get()
                try await connection.close()
            } catch {
                channel?.close(promise: nil)
                throw error
            }
        } catch where findings.refusedCleartext {
            throw TeamStoreError.unreachable(url: settings.url, detail: """
                the server asked for the password in clear text on a connection without TLS: not sent (the server \
                offers no TLS here; turn ssl on or use scram-sha-256 in its pg_hba.conf, or allow it with sslmode=disable)
                """)
        } catch {
            throw TeamStoreError.from(error, url: settings.url, connecting: true)
        }
        return findings.tls
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
