import CallScopeKit
import Foundation
import PostgresTestSupport
import Testing
@testable import CallScopePostgres

@Suite(.throwawayPostgres)
struct MigrationTests {
    @Test func anEmptyDatabaseGetsTheWholeSchema() async throws {
        try await withTeamStore { store, _ in
            #expect(try await Migrations.applied(store.database) == [1, 2])
            let tables = try await column(store, "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
            #expect(tables == ["call_keys", "calls", "calls_undated", "callscope_migrations", "known_tags", "local_annotations", "outbox", "sync_spans"])
            let partitioned = try await column(store, "SELECT relname::text FROM pg_class WHERE relkind = 'p'")
            #expect(partitioned == ["calls"])
            let indexes = try await column(store, "SELECT indexname::text FROM pg_indexes WHERE tablename = 'calls' ORDER BY 1")
            #expect(indexes == ["calls_pkey", "calls_report", "calls_search"] + ["agent", "direction", "disposition", "from", "talk", "to"].map { "calls_sorted_by_\($0)" })
            #expect(try await column(store, "SELECT extname::text FROM pg_extension WHERE extname = 'pg_trgm'") == ["pg_trgm"])
        }
    }

    @Test func openingAgainOrFromManyProcessesAtOnceMigratesOnce() async throws {
        let server = try ThrowawayPostgres.server
        let settings = server.settings(database: try await server.createDatabase())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask { try await PostgresCallStore(settings: settings).close() }
            }
            try await group.waitForAll()
        }
        let store = try await PostgresCallStore(settings: settings)
        defer { store.close() }
        #expect(try await Migrations.applied(store.database) == [1, 2])
        #expect(try await column(store, "SELECT count(*)::text FROM callscope_migrations") == ["2"])
    }

    @Test func aLaterMigrationIsAppliedOnTopAndANewerSchemaIsRefused() async throws {
        try await withTeamStore { store, settings in
            let next = Migration(version: 3, name: "test column", statements: ["ALTER TABLE known_tags ADD COLUMN test_only integer"])
            try await Migrations.migrate(store.database, migrations: Migrations.all + [next])
            #expect(try await Migrations.applied(store.database) == [1, 2, 3])
            #expect(try await column(store, "SELECT column_name::text FROM information_schema.columns WHERE column_name = 'test_only'") == ["test_only"])
            // This callscope knows only versions 1 and 2: it must not read a database a newer one changed.
            let error = await #expect(throws: TeamStoreError.self) { try await PostgresCallStore(settings: settings) }
            #expect(error == .schemaTooNew(url: settings.url, version: 3, known: 2))
            #expect(error?.description.hasPrefix("[store] ") == true)
        }
    }
}
