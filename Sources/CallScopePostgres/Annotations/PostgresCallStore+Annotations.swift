import CallScopeKit
import CallScopeStore
import Foundation
import PostgresNIO

extension PostgresCallStore {
    /// Keeps a note and tags in the store for a provider without a notes API: every machine sees
    /// them. The call (when stored) is re-indexed for search, and open TUIs are told.
    public func saveLocalAnnotation(account: String, id: String, note: String?, tags: [String]) async throws {
        let note = Annotation.note(note), tags = Annotation.tags(tags)
        try await database.transaction(retry: false) { [logger = database.logger] connection in
            try await connection.query("""
                INSERT INTO local_annotations (account, call_id, note, tags, updated_at)
                VALUES (\(account), \(id), \(note.map { ByteBuffer(string: $0) }), \(CallColumns.tagsText(tags)), \(Date().timeIntervalSince1970))
                ON CONFLICT (account, call_id) DO UPDATE SET note = excluded.note, tags = excluded.tags, updated_at = excluded.updated_at
                """, logger: logger)
            try await Self.afterAnnotation(account: account, id: id, tags: tags, connection: connection, logger: logger)
        }
    }

    /// Writes a remote edit to the outbox before anything is sent; it supersedes an older unsent
    /// edit of the call (whichever machine wrote it). The call shows the edit from now on.
    public func enqueueEdit(account: String, id: String, note: String?, tags: [String]) async throws -> OutboxEntry {
        let note = Annotation.note(note) ?? "", tags = Annotation.tags(tags)
        return try await database.transaction(retry: false) { [logger = database.logger] connection in
            // Two machines editing one call take turns, so one pending edit remains: the later.
            try await connection.query("""
                SELECT pg_advisory_xact_lock(\(PostgresSchema.Lock.edit.rawValue), hashtext(\(account + "/" + id)))
                """, logger: logger)
            let entry = try await OutboxRows(connection: connection, logger: logger).enqueue(account: account, callID: id, note: note, tags: tags)
            try await Self.afterAnnotation(account: account, id: id, tags: tags, connection: connection, logger: logger)
            return entry
        }
    }

    /// `synced`, `pending` or `failed: reason` for a call.
    public func annotationState(account: String, id: String) async throws -> AnnotationState {
        try await database.withConnection { [logger = database.logger] connection in
            let rows = try await connection.query("""
                SELECT \(unescaped: AnnotationOverlay.selection) FROM (SELECT \(account)::text AS account, \(id)::text AS id) k
                \(unescaped: AnnotationOverlay.joins(account: "k.account", id: "k.id"))
                """, logger: logger)
            for try await row in rows { return try OverlayRows.read(row.makeRandomAccess(), at: 0)?.state ?? .synced }
            return .synced
        }
    }

    /// Every tag seen on the account's calls or given by anyone, sorted.
    public func knownTags(account: String) async throws -> [String] {
        try await database.withConnection { [logger = database.logger] connection in
            var tags: [String] = []
            for try await tag in try await connection.query("SELECT tag FROM known_tags WHERE account = \(account) ORDER BY tag",
                                                            logger: logger).decode(ByteBuffer.self) { tags.append(String(buffer: tag)) }
            return tags
        }
    }

    /// What follows a change of a call's note or tags, in its transaction.
    static func afterAnnotation(account: String, id: String, tags: [String], connection: PostgresConnection, logger: Logger) async throws {
        try await KnownTags(connection: connection, logger: logger).remember(tags.map { (account, $0) })
        try await SearchRefresh(connection: connection, logger: logger).refresh(account: account, id: id)
        try await ChangeNotice.announce(accounts: [account], on: connection, logger: logger)
    }
}

/// Recomputes a stored call's search text after its note or tags changed.
struct SearchRefresh {
    let connection: PostgresConnection
    let logger: Logger

    func refresh(account: String, id: String) async throws {
        let rows = try await connection.query("""
            SELECT c.started_at, c.search_text, \(unescaped: CallRows.selection), \(unescaped: AnnotationOverlay.selection)
            FROM call_keys k JOIN calls c ON c.account = k.account AND c.started_at = k.started_at AND c.id = k.id
            \(unescaped: AnnotationOverlay.callJoins)
            WHERE k.account = \(account) AND k.id = \(id)
            FOR UPDATE OF c
            """, logger: logger)
        var found: (start: Int64, old: String, document: String)?
        for try await row in rows {
            let columns = row.makeRandomAccess()
            let record = try CallRows.record(columns, at: 2, includeRaw: false)
            let merged = try OverlayRows.read(columns, at: 2 + CallRows.selectionCount).merged(record)
            found = (try columns[0].decode(Int64.self), try columns[1].decode(String.self), SearchText.document(for: merged))
        }
        guard let found, found.document != found.old else { return }
        try await connection.query("""
            UPDATE calls SET search_text = \(found.document) WHERE account = \(account) AND started_at = \(found.start) AND id = \(id)
            """, logger: logger)
    }
}
