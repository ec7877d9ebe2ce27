import CallScopeKit
import Foundation
import GRDB

extension CallStore {
    /// Keeps a note and tags in the store, for a provider without a notes API. Written durably
    /// in one transaction; the call (when cached) is re-indexed for search.
    public func saveLocalAnnotation(account: String, id: String, note: String?, tags: [String]) async throws {
        let note = Annotation.note(note), tags = Annotation.tags(tags)
        try await durableWrite { db in
            try db.execute(sql: """
                INSERT INTO local_annotations (account, call_id, note, tags, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (account, call_id) DO UPDATE SET note = excluded.note, tags = excluded.tags, updated_at = excluded.updated_at
                """, arguments: [account, id, StoredText.value(note), CallColumns.tagsText(tags), Date().timeIntervalSince1970])
            let writer = CallWriter(db: db)
            try writer.remember(tags: tags, account: account)
            try writer.refreshSearch(account: account, id: id)
        }
    }

    /// Writes a remote edit to the outbox before anything is sent (durably, one transaction);
    /// it supersedes an older unsent edit of the call. The call shows the edit from now on.
    public func enqueueEdit(account: String, id: String, note: String?, tags: [String]) async throws -> OutboxEntry {
        let note = Annotation.note(note) ?? "", tags = Annotation.tags(tags)
        return try await durableWrite { db in
            let entry = try OutboxTable(db: db).enqueue(account: account, callID: id, note: note, tags: tags)
            let writer = CallWriter(db: db)
            try writer.remember(tags: tags, account: account)
            try writer.refreshSearch(account: account, id: id)
            return entry
        }
    }

    /// Edits waiting to be sent (never tried, or failed), oldest first.
    public func pendingEdits(account: String?) async throws -> [OutboxEntry] {
        try await pool.read { db in try OutboxTable(db: db).pending(account: account) }
    }

    /// `synced`, `pending` or `failed: reason` for a call (synced when nothing waits to be sent).
    public func annotationState(account: String, id: String) async throws -> AnnotationState {
        try await pool.read { db in
            let sql = "SELECT \(AnnotationOverlay.selection) FROM (SELECT ? AS account, ? AS id) k \(AnnotationOverlay.joins(account: "k.account", id: "k.id"))"
            let row = try Row.fetchOne(db, sql: sql, arguments: [account, id])!
            return AnnotationOverlay.read(row, at: 0)?.state ?? .synced
        }
    }

    /// Every tag seen on the account's calls or given by the user, sorted (the editor's completion).
    public func knownTags(account: String) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT tag FROM known_tags WHERE account = ? ORDER BY tag", arguments: [account])
        }
    }

    /// Claims an edit for sending by this process; false when another sender has it (or an
    /// older edit of the same call), or it is no longer pending.
    public func claim(_ entry: OutboxEntry) async throws -> Bool {
        try await pool.write { db in try OutboxTable(db: db).claim(entry.seq) }
    }

    /// Claims every pending edit (of one account, or all) that no one else is sending.
    public func claimPendingEdits(account: String?) async throws -> [OutboxEntry] {
        try await pool.write { db in
            let table = OutboxTable(db: db)
            return try table.pending(account: account).filter { try table.claim($0.seq) }
        }
    }

    /// Marks a claimed edit delivered, right after the provider accepted it, and stores the
    /// provider's answer; returns the call as the user sees it now (nil if not cached).
    public func markSent(_ entry: OutboxEntry, answer: CallRecord?) async throws -> CallRecord? {
        try await durableWrite { db in
            try OutboxTable(db: db).markSent(entry.seq)
            let writer = CallWriter(db: db)
            if let answer { return try writer.upsert([answer]).records.first }
            try writer.refreshSearch(account: entry.account, id: entry.callID)
            return nil
        }
    }

    public func markFailed(_ entry: OutboxEntry, reason: String) async throws {
        try await durableWrite { db in try OutboxTable(db: db).markFailed(entry.seq, reason: reason) }
    }

    public func release(_ entry: OutboxEntry) async throws {
        try await pool.write { db in try OutboxTable(db: db).release(entry.seq) }
    }
}

/// How the user's note and tags are kept: an empty note is no note; tags trimmed, without
/// empties or repeats, in the order given.
package enum Annotation {
    package static func note(_ note: String?) -> String? {
        guard let note, !note.isEmpty else { return nil }
        return note
    }

    package static func tags(_ tags: [String]) -> [String] {
        var seen = Set<String>()
        return tags.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
