import CallScopeKit
import CallScopeStore
import Foundation
import PostgresTestSupport
import Testing
@testable import CallScopePostgres

/// libpq's `sslmode`, `sslrootcert`, `sslcert` and `sslkey` against the suite's server, whose
/// certificate (for `localhost`, no address) is signed by the tests' own authority. In the
/// suite's cluster: one more would cost CI time.
extension ConnectionTests {
    func settings(_ server: ThrowawayPostgres, database: String, _ mode: PostgresStoreSettings.TLSMode, host: String = "localhost",
                  port: Int? = nil, root: URL? = nil) -> PostgresStoreSettings {
        var settings = server.settings(database: database, tls: mode)
        settings.endpoint = .tcp(host: host, port: port ?? server.port)
        settings.rootCertificatePath = root?.path
        return settings
    }

    /// Opens a store on `settings`; whether its connections use TLS, or the store's error.
    func open(_ settings: PostgresStoreSettings) async -> Result<Bool, TeamStoreError> {
        do {
            let store = try await PostgresCallStore(settings: settings)
            defer { store.close() }
            return .success(try await usesTLS(store))
        } catch let error as TeamStoreError {
            return .failure(error)
        } catch {
            Issue.record("not a TeamStoreError: \(error)")
            return .failure(.failed(url: settings.url, detail: "\(error)"))
        }
    }

    func refused(_ result: Result<Bool, TeamStoreError>) -> TeamStoreError? {
        guard case .failure(let error) = result, case .unreachable = error else { return nil }
        return error
    }

    @Test func verifyCAAndRequireWithARootCertificateCheckTheAuthority() async throws {
        let server = try ThrowawayPostgres.server
        let database = try await server.createDatabase()
        #expect(await open(settings(server, database: database, .verifyCA, root: server.authority)) == .success(true))
        #expect(refused(await open(settings(server, database: database, .verifyCA, root: server.otherAuthority))) != nil)
        // require with sslrootcert is verify-ca; without, TLS unchecked
        #expect(refused(await open(settings(server, database: database, .require, root: server.otherAuthority))) != nil)
        #expect(await open(settings(server, database: database, .require, root: server.authority)) == .success(true))
        #expect(await open(settings(server, database: database, .require)) == .success(true))
        // verify-ca does not check the name: an address the certificate does not name is fine
        #expect(await open(settings(server, database: database, .verifyCA, host: "127.0.0.1", root: server.authority)) == .success(true))
    }

    @Test func verifyFullChecksTheHostNameToo() async throws {
        let server = try ThrowawayPostgres.server
        let database = try await server.createDatabase()
        #expect(await open(settings(server, database: database, .verifyFull, host: "localhost", root: server.authority)) == .success(true))
        let wrongHost = refused(await open(settings(server, database: database, .verifyFull, host: "127.0.0.1", root: server.authority)))
        #expect(wrongHost?.description.hasPrefix("[store] postgresql://") == true, "\(String(describing: wrongHost))")
        #expect(refused(await open(settings(server, database: database, .verifyFull, host: "localhost", root: server.otherAuthority))) != nil)
    }

    @Test func aClientCertificateFromSSLCertAndSSLKeyLogsIn() async throws {
        let server = try ThrowawayPostgres.server
        let user = ThrowawayPostgres.clientCertificateUser
        try await server.psql("CREATE ROLE \(user) LOGIN")
        let database = try await server.createDatabase(named: ThrowawayPostgres.clientCertificateDatabase)
        // the store's role owns its database (it makes the schema)
        try await server.psql("ALTER DATABASE \(database) OWNER TO \(user)")
        var settings = settings(server, database: database, .verifyFull, root: server.authority)
        settings.user = user
        settings.password = nil
        #expect(refused(await open(settings)) != nil, "no certificate, no login")
        settings.clientCertificatePath = server.clientCertificate.path
        settings.clientKeyPath = server.clientKey.path
        let store = try await PostgresCallStore(settings: settings)
        defer { store.close() }
        #expect(try await column(store, "SELECT current_user::text") == [user])
        #expect(try await usesTLS(store))
    }

    @Test func aPasswordGoesInClearTextOnlyInsideTLSOrUnderDisable() async throws {
        let server = try ThrowawayPostgres.server
        let database = try await server.createDatabase(named: ThrowawayPostgres.cleartextPasswordDatabase)
        // the server asks for the password in clear text; with TLS offered, prefer takes TLS
        #expect(await open(settings(server, database: database, .prefer)) == .success(true))

        // a man in the middle strips TLS: the request for the password is refused, not answered
        let proxy = try TLSStrippingProxy(to: server.port)
        defer { proxy.stop() }
        for mode in [PostgresStoreSettings.TLSMode.prefer, .allow] {
            let error = refused(await open(settings(server, database: database, mode, host: "127.0.0.1", port: proxy.port)))
            #expect(error?.description.contains("asked for the password in clear text") == true, "\(mode): \(String(describing: error))")
        }
        #expect(!proxy.clientBytes.isEmpty)
        #expect(!String(decoding: proxy.clientBytes, as: UTF8.self).contains(server.password))
        // a password that never travels (SCRAM) is fine without TLS
        let scram = try await server.createDatabase()
        #expect(await open(settings(server, database: scram, .prefer, host: "127.0.0.1", port: proxy.port)) == .success(false))
        // asked for: sslmode=disable sends it
        #expect(await open(settings(server, database: database, .disable, host: "127.0.0.1", port: proxy.port)) == .success(false))
        #expect(String(decoding: proxy.clientBytes, as: UTF8.self).contains(server.password))
    }
}
