import PostgresNIO

/// Tells every listening TUI that calls of some accounts changed: `NOTIFY` inside the writer's
/// transaction, so it is delivered when (and only if) the change is committed.
enum ChangeNotice {
    static func announce(accounts: Set<String>, on connection: PostgresConnection, logger: Logger) async throws {
        guard !accounts.isEmpty else { return }
        var bindings = PostgresBindings()
        bindings.append(accounts.sorted())
        try await connection.query(PostgresQuery(unsafeSQL: "SELECT pg_notify('\(PostgresSchema.changesChannel)', a) FROM unnest($1::text[]) a",
                                                 binds: bindings), logger: logger)
    }
}
