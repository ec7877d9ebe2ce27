import CallScopeKit
import Foundation

/// A PostgreSQL cluster of the tests' own: `initdb` in a temporary folder, the server on a free
/// loopback port (and a socket in that folder), TLS with a certificate made for it, password
/// logins over TCP. Stopped and removed by `stop()`; a watchdog stops it too if the test process
/// dies first.
public final class ThrowawayPostgres: Sendable {
    private let cluster: PostgresCluster
    public let port: Int
    /// The superuser's name and password.
    public var superuser: String { cluster.superuser }
    public var password: String { cluster.password }
    /// The authority that signed the server's certificate (CN and SAN `localhost`, no address):
    /// what `sslrootcert` trusts.
    public var authority: URL { cluster.authority }
    /// An authority that signed neither certificate: a wrong `sslrootcert`.
    public var otherAuthority: URL { cluster.otherAuthority }
    /// A client certificate and its key (`sslcert`, `sslkey`) for `clientCertificateUser`, signed by `authority`.
    public var clientCertificate: URL { cluster.clientCertificate }
    public var clientKey: URL { cluster.clientKey }
    public static var clientCertificateUser: String { PostgresCluster.clientCertificateUser }
    /// A database whose logins send the password in clear text (`password` in pg_hba.conf), and
    /// one whose logins need a client certificate over TLS (`cert`); `createDatabase(named:)` makes them.
    public static var cleartextPasswordDatabase: String { PostgresCluster.cleartextPasswordDatabase }
    public static var clientCertificateDatabase: String { PostgresCluster.clientCertificateDatabase }

    /// Makes and starts a cluster; fails (saying why) when PostgreSQL is not installed.
    public static func start() async throws -> ThrowawayPostgres {
        let cluster = try await PostgresCluster.make()
        let port: Int
        do {
            port = try await cluster.start()
        } catch {
            try? FileManager.default.removeItem(at: cluster.folder)
            throw error
        }
        let server = ThrowawayPostgres(cluster: cluster, port: port)
        do {
            try await cluster.watch(parent: getpid())
        } catch {
            try? await server.stop()
            throw error
        }
        return server
    }

    private init(cluster: PostgresCluster, port: Int) {
        self.cluster = cluster
        self.port = port
    }

    /// Stops the server at once (disconnecting clients) and removes its folder.
    public func stop() async throws {
        try await cluster.pgctl(["stop", "-w", "-m", "fast"])
        try FileManager.default.removeItem(at: cluster.folder)
    }

    /// Stops and starts the server again on the same port: every open connection is cut.
    public func restart() async throws {
        try await cluster.pgctl(["restart", "-w", "-m", "fast", "-l", cluster.log.path])
    }

    /// Settings for `database` on this server as the superuser, over TCP with the password.
    public func settings(database: String, tls: PostgresStoreSettings.TLSMode = .disable) -> PostgresStoreSettings {
        PostgresStoreSettings(endpoint: .tcp(host: "127.0.0.1", port: port), user: superuser, database: database, tls: tls,
                              password: Secret(password), url: url(database: database, tls: tls))
    }

    /// The `[store] url` of `database` (the password goes through `password_env`).
    public func url(database: String, tls: PostgresStoreSettings.TLSMode = .disable) -> String {
        "postgresql://\(superuser)@127.0.0.1:\(port)/\(database)?sslmode=\(tls.rawValue)"
    }

    /// Runs SQL as the superuser with psql over the socket (setup and inspection in tests); what it printed.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") async throws -> String {
        try await cluster.run("psql", ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", cluster.socketFolder.path, "-p", String(port),
                                       "-U", superuser, "-d", database, "-c", sql])
    }

    /// A new empty database of its own for one test; its name.
    public func createDatabase(named name: String = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()) async throws -> String {
        try await psql("CREATE DATABASE \(name)")
        return name
    }
}
