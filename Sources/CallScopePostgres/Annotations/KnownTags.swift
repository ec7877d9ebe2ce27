import PostgresNIO

/// The tags seen per account (the editor completes from them), inside the caller's transaction;
/// as UTF-8 bytes, like all free text.
struct KnownTags {
    let connection: PostgresConnection
    let logger: Logger

    func remember(_ tags: [(account: String, tag: String)]) async throws {
        guard !tags.isEmpty else { return }
        var bindings = PostgresBindings()
        bindings.append(tags.map(\.account))
        bindings.append(tags.map { ByteBuffer(string: $0.tag) })
        try await connection.query(PostgresQuery(unsafeSQL: """
            INSERT INTO known_tags (account, tag) SELECT DISTINCT * FROM unnest($1::text[], $2::bytea[]) ON CONFLICT DO NOTHING
            """, binds: bindings), logger: logger)
    }
}
