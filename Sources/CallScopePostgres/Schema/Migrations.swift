import PostgresNIO

/// One numbered step of the schema, applied once, in one transaction with its record.
struct Migration: Sendable {
    let version: Int
    let name: String
    let statements: [String]
}

/// Brings a database's schema up to date: every migration not yet recorded in
/// `callscope_migrations`, in order. Two processes opening the same database at once take turns
/// (an advisory lock), so each step runs once; a database migrated by a newer callscope is
/// refused rather than misread.
enum Migrations {
    static let all = [SchemaV1.migration, SchemaV2.migration]

    static func migrate(_ database: StoreDatabase, migrations: [Migration] = all) async throws {
        try await database.transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.Lock.migrations.rawValue), 0)", logger: database.logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS callscope_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, logger: database.logger)
            var applied = Set<Int>()
            for try await version in try await connection.query("SELECT version FROM callscope_migrations", logger: database.logger)
                .decode(Int.self) { applied.insert(version) }
            let known = migrations.map(\.version).max() ?? 0
            if let newest = applied.max(), newest > known {
                throw TeamStoreError.schemaTooNew(url: database.url, version: newest, known: known)
            }
            for migration in migrations.sorted(by: { $0.version < $1.version }) where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: database.logger)
                }
                try await connection.query("INSERT INTO callscope_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                                           logger: database.logger)
            }
        }
    }

    /// The versions a database has, oldest first.
    static func applied(_ database: StoreDatabase) async throws -> [Int] {
        try await database.withConnection { connection in
            var versions: [Int] = []
            for try await version in try await connection.query("SELECT version FROM callscope_migrations ORDER BY version", logger: database.logger)
                .decode(Int.self) { versions.append(version) }
            return versions
        }
    }
}
