import CallScopeKit
import CallScopeStore
import Foundation
import PostgresTestSupport
import Testing
@testable import CallScopePostgres

@Suite(.throwawayPostgres)
struct ConnectionTests {
    func usesTLS(_ store: PostgresCallStore) async throws -> Bool {
        try await column(store, "SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()") == ["true"]
    }

    @Test func tlsIsUsedWhenTheURLAsksForIt() async throws {
        let server = try ThrowawayPostgres.server
        let database = try await server.createDatabase()
        for (mode, expected) in [(PostgresStoreSettings.TLSMode.disable, false), (.require, true), (.prefer, true)] {
            let store = try await PostgresCallStore(settings: server.settings(database: database, tls: mode))
            #expect(try await usesTLS(store) == expected, "sslmode=\(mode.rawValue)")
            store.close()
        }
        // verify-full checks the certificate against sslrootcert and the host name.
        var settings = server.settings(database: database, tls: .verifyFull)
        settings.endpoint = .tcp(host: "localhost", port: server.port)
        settings.rootCertificatePath = server.authority.path
        let verified = try await PostgresCallStore(settings: settings)
        #expect(try await usesTLS(verified))
        verified.close()
        settings.rootCertificatePath = nil
        let error = await #expect(throws: TeamStoreError.self) { try await PostgresCallStore(settings: settings) }
        #expect(error?.description.hasPrefix("[store] postgresql://") == true)
    }

    @Test func aWrongPasswordIsReportedWithoutShowingIt() async throws {
        let server = try ThrowawayPostgres.server
        var settings = server.settings(database: try await server.createDatabase())
        settings.password = Secret("wrong-secret-value")
        let error = await #expect(throws: TeamStoreError.self) { try await PostgresCallStore(settings: settings) }
        let text = error?.description ?? ""
        #expect(text.hasPrefix("[store] \(settings.url): cannot reach the database: "))
        #expect(text.contains("password authentication failed"))
        #expect(!text.contains("wrong-secret-value") && !text.contains(server.password))
    }

    @Test func anUnreachableDatabaseFailsWithinTheConnectTimeout() async throws {
        let server = try ThrowawayPostgres.server
        // A port nothing listens on: the server's own, while it runs on another address family.
        var settings = server.settings(database: "none")
        settings.endpoint = .tcp(host: "127.0.0.2", port: server.port)
        settings.connectTimeoutSeconds = 2
        let error = await #expect(throws: TeamStoreError.self) { try await PostgresCallStore(settings: settings) }
        guard case .unreachable(let url, _)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(url == settings.url)
    }
}
