import CallScopeKit
import CallScopeStore
import PostgresNIO

/// Upserts a batch of calls by (account, id) inside the caller's transaction, in three
/// statements whatever the batch's size: the notes and tags laid over them, the keys (locked,
/// so two machines writing the same call take turns; a call whose start moved is noted), then
/// the rows themselves (a moved call leaves its old month) and the tags seen. Announces the
/// change of each account on commit (`NOTIFY`).
struct CallUpserter {
    let connection: PostgresConnection
    let logger: Logger

    /// A call's start fell in a month whose partition is gone (another machine dropped it).
    struct PartitionMissing: Error {}

    /// Stores `records` and returns them as the user sees them (annotations laid over); a call
    /// whose id cannot be a key (PostgreSQL refuses a NUL in text) is skipped, with a warning.
    func upsert(_ batch: [CallRecord]) async throws -> IngestedCalls {
        let (records, refused) = IngestedCalls.screen(batch)
        guard !records.isEmpty else { return IngestedCalls(records: [], refused: refused) }
        let overlays = try await self.overlays(of: records)
        let merged = records.map { overlays[Key($0)].merged($0) }
        // The last record of a call wins, as if they were stored one after another.
        var latest: [Key: Int] = [:]
        for (index, record) in records.enumerated() { latest[Key(record)] = index }
        let rows = latest.values.sorted().map { (record: records[$0], document: SearchText.document(for: merged[$0])) }
        let moved = try await place(rows.map(\.record))
        try await write(rows, moved: moved)
        return IngestedCalls(records: merged, refused: refused)
    }

    struct Key: Hashable {
        let account: String
        let id: String
        init(_ record: CallRecord) { (account, id) = (record.account, record.id) }
        init(account: String, id: String) { (self.account, self.id) = (account, id) }
    }

    private func overlays(of records: [CallRecord]) async throws -> [Key: AnnotationOverlay] {
        var bindings = PostgresBindings()
        bindings.append(records.map(\.account))
        bindings.append(records.map(\.id))
        let sql = """
            SELECT k.account, k.id, \(AnnotationOverlay.selection)
            FROM (SELECT DISTINCT * FROM unnest($1::text[], $2::text[]) AS u(account, id)) k
            \(AnnotationOverlay.joins(account: "k.account", id: "k.id"))
            WHERE la.account IS NOT NULL OR o.seq IS NOT NULL
            """
        var overlays: [Key: AnnotationOverlay] = [:]
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger) {
            let columns = row.makeRandomAccess()
            if let overlay = try OverlayRows.read(columns, at: 2) {
                overlays[Key(account: try columns[0].decode(String.self), id: try columns[1].decode(String.self))] = overlay
            }
        }
        return overlays
    }

    /// Locks every call's key (in one order, so two batches never deadlock) and records its
    /// start; returns the calls already stored under another start, with that start.
    private func place(_ records: [CallRecord]) async throws -> [(account: String, id: String, start: Int64)] {
        var bindings = PostgresBindings()
        bindings.append(records.map(\.account))
        bindings.append(records.map(\.id))
        bindings.append(records.map(CallRows.startKey))
        let sql = """
            INSERT INTO call_keys AS k (account, id, started_at)
            SELECT * FROM unnest($1::text[], $2::text[], $3::int8[]) ORDER BY 1, 2
            ON CONFLICT (account, id) DO UPDATE SET previous_start = k.started_at, started_at = excluded.started_at
                WHERE k.started_at <> excluded.started_at
            RETURNING k.account, k.id, k.previous_start
            """
        var moved: [(account: String, id: String, start: Int64)] = []
        for try await (account, id, previous) in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
            .decode((String, String, Int64?).self) {
            if let previous { moved.append((account, id, previous)) }
        }
        return moved
    }

    private static let upsertRows: String = {
        let names = CallRows.stored.map(\.name)
        let arrays = CallRows.stored.enumerated().map { "$\($0.offset + 1)::\($0.element.type)[]" }.joined(separator: ", ")
        let updates = names.filter { !["account", "id", "started_at"].contains($0) }.map { "\($0) = excluded.\($0)" }
        return """
            INSERT INTO calls (\(names.joined(separator: ", ")))
            SELECT * FROM unnest(\(arrays))
            ON CONFLICT (account, started_at, id) DO UPDATE SET \(updates.joined(separator: ", "))
            """
    }()

    private func write(_ rows: [(record: CallRecord, document: String)], moved: [(account: String, id: String, start: Int64)]) async throws {
        if !moved.isEmpty {
            var bindings = PostgresBindings()
            bindings.append(moved.map(\.account))
            bindings.append(moved.map(\.id))
            bindings.append(moved.map(\.start))
            try await connection.query(PostgresQuery(unsafeSQL: """
                DELETE FROM calls c USING unnest($1::text[], $2::text[], $3::int8[]) AS m(account, id, started_at)
                WHERE c.account = m.account AND c.started_at = m.started_at AND c.id = m.id
                """, binds: bindings), logger: logger)
        }
        do {
            try await connection.query(PostgresQuery(unsafeSQL: Self.upsertRows, binds: CallRows.bindings(rows)), logger: logger)
        } catch let error as PSQLError where error.serverInfo?[.constraintName] == "calls_undated_only" {
            throw PartitionMissing()
        }
        try await KnownTags(connection: connection, logger: logger)
            .remember(rows.flatMap { row in row.record.tags.map { (row.record.account, $0) } })
        try await ChangeNotice.announce(accounts: Set(rows.map(\.record.account)), on: connection, logger: logger)
    }
}
