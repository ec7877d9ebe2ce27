import GRDB

/// The store's tables, built by numbered migrations so that an old file is brought up to date
/// when it is opened (and an empty file gets everything).
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: calls, search, annotations, outbox") { db in
            try createCalls(db)
            try createAnnotations(db)
            try createOutbox(db)
        }
        migrator.registerMigration("v2: sync spans") { db in
            try createSyncSpans(db)
        }
        migrator.registerMigration("v3: report indexes") { db in
            try createReportIndexes(db)
        }
        migrator.registerMigration("v4: sort indexes") { db in
            try createSortIndexes(db)
        }
        migrator.registerMigration("v5: report totals") { db in
            try ReportTotalsSchema.create(db)
        }
        return migrator
    }

    /// One row per (account, id), whoever stored it (a fetch now, a CDR push later). Free text
    /// is UTF-8 in BLOBs (`StoredText`); the provider's object is its JSON text. Times are
    /// epoch seconds; `started_at` is `CallColumns.noStart` when the provider gave none, so the
    /// keyset `(started_at, id)` never meets a NULL and such calls sort last.
    private static func createCalls(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE calls (
                key INTEGER PRIMARY KEY,
                account TEXT NOT NULL,
                id TEXT NOT NULL,
                provider TEXT NOT NULL,
                direction TEXT NOT NULL,
                from_number BLOB,
                to_number BLOB,
                agent BLOB,
                agent_name BLOB,
                customer_name BLOB,
                started_at INTEGER NOT NULL,
                answered_at INTEGER,
                ended_at INTEGER,
                wait_seconds INTEGER,
                talk_seconds INTEGER,
                hold_seconds INTEGER,
                duration_seconds INTEGER,
                disposition TEXT NOT NULL,
                provider_status BLOB,
                recording_url BLOB,
                cost REAL,
                campaign BLOB,
                tags TEXT NOT NULL,
                note BLOB,
                raw TEXT NOT NULL,
                search_text TEXT NOT NULL,
                UNIQUE (account, id)
            );
            CREATE INDEX calls_by_start ON calls (account, started_at, id);
            CREATE VIRTUAL TABLE call_search USING fts5 (
                search_text, content = 'calls', content_rowid = 'key', tokenize = 'trigram'
            );
            """)
    }

    /// Notes and tags of the providers without a notes API, and the tags seen per account (the
    /// editor completes from them).
    private static func createAnnotations(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE local_annotations (
                account TEXT NOT NULL,
                call_id TEXT NOT NULL,
                note BLOB,
                tags TEXT NOT NULL,
                updated_at REAL NOT NULL,
                PRIMARY KEY (account, call_id)
            ) WITHOUT ROWID;
            CREATE TABLE known_tags (
                account TEXT NOT NULL,
                tag TEXT NOT NULL,
                PRIMARY KEY (account, tag)
            ) WITHOUT ROWID;
            """)
    }

    /// Every edit of a remote note, written before it is sent. At most one edit per call is
    /// `pending` (a newer one supersedes it); `claimed_by`/`claimed_until` keep two processes
    /// (the TUI and `callscope sync`) from sending the same edit.
    private static func createOutbox(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE outbox (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                account TEXT NOT NULL,
                call_id TEXT NOT NULL,
                note BLOB NOT NULL,
                tags TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'superseded')),
                created_at REAL NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error BLOB,
                last_attempt_at REAL,
                sent_at REAL,
                claimed_by INTEGER,
                claimed_until REAL
            );
            CREATE UNIQUE INDEX outbox_pending ON outbox (account, call_id) WHERE state = 'pending';
            CREATE INDEX outbox_by_call ON outbox (account, call_id, seq);
            """)
    }

    /// The parts of each account's history that are in the store as the provider has them: every
    /// call that started in [from_s, to_s] (epoch seconds, inclusive) was committed by one sync,
    /// at `synced_at`. Spans of an account never overlap or touch (marking merges them).
    private static func createSyncSpans(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sync_spans (
                account TEXT NOT NULL,
                from_s INTEGER NOT NULL,
                to_s INTEGER NOT NULL,
                synced_at REAL NOT NULL,
                PRIMARY KEY (account, from_s)
            ) WITHOUT ROWID;
            """)
    }

    /// What a report reads, in the order it groups by, so that it reads an index alone and
    /// never the calls' rows (a row holds the provider's whole object). By start: the calls of
    /// each hour or day of the range; by agent: the counts per agent, direction and disposition,
    /// aggregated in index order without sorting.
    private static func createReportIndexes(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX calls_report_by_start ON calls (account, started_at, disposition, direction, talk_seconds);
            CREATE INDEX calls_report_by_agent ON calls (
                account, agent, direction, disposition, started_at, talk_seconds, wait_seconds, agent_name
            );
            """)
    }

    /// The TUI's list sorted by a column walks that column's expression (then start and id) in
    /// an index, by keyset from any call: a page anywhere in a sorted year costs what the first
    /// one does. The expressions are `StoreSortSQL`'s, which the queries must repeat exactly.
    private static func createSortIndexes(_ db: Database) throws {
        for sort in StoreSort.allCases {
            guard let expression = StoreSortSQL.expression(sort, emptyBytes: StoreSQL.emptyBytes) else { continue }
            let column = expression.replacingOccurrences(of: "c.", with: "")
            try db.execute(sql: "CREATE INDEX calls_sorted_by_\(sort.rawValue) ON calls (account, \(column), started_at, id)")
        }
    }
}
