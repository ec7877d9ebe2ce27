/// The first schema of the team store.
///
/// `calls` is partitioned by month of `started_at` (epoch seconds, UTC months), so that dropping
/// a month of history is dropping a table. Calls without a start time (`started_at` =
/// `PostgresSchema.noStart`, as in the SQLite store) live in the default partition, which a check
/// keeps to them alone: a dated call can never land there by mistake, and creating a month's
/// partition never has to scan it. Free text is `bytea` (UTF-8 bytes, like SQLite's BLOBs): a
/// provider's text may hold a NUL, which PostgreSQL's `text` cannot.
///
/// A partitioned table's unique keys must hold the partition key, so `calls` is keyed by
/// (account, started_at, id), the keyset's own order, and `call_keys` keeps (account, id) unique
/// across months: every writer of a call locks its row there first, and a call whose start time
/// changed is moved out of its old month in the same transaction.
enum SchemaV1 {
    static let migration = Migration(version: 1, name: "calls by month, search, annotations, outbox, sync spans", statements: [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        """
        CREATE TABLE calls (
            account text NOT NULL,
            id text NOT NULL,
            provider text NOT NULL,
            direction text NOT NULL,
            from_number bytea,
            to_number bytea,
            agent bytea,
            agent_name bytea,
            customer_name bytea,
            started_at bigint NOT NULL,
            answered_at bigint,
            ended_at bigint,
            wait_seconds bigint,
            talk_seconds bigint,
            hold_seconds bigint,
            duration_seconds bigint,
            disposition text NOT NULL,
            provider_status bytea,
            recording_url bytea,
            cost double precision,
            campaign bytea,
            tags text NOT NULL,
            note bytea,
            raw text NOT NULL,
            search_text text NOT NULL,
            from_digits text NOT NULL,
            to_digits text NOT NULL,
            agent_name_lower text NOT NULL,
            PRIMARY KEY (account, started_at, id)
        ) PARTITION BY RANGE (started_at)
        """,
        """
        CREATE TABLE calls_undated PARTITION OF calls (CONSTRAINT calls_undated_only CHECK (started_at = \(PostgresSchema.noStart))) DEFAULT
        """,
        // The keyset walks the primary key both ways; range counts and the report read this
        // covering index alone (an index-only scan), never the rows.
        "CREATE INDEX calls_report ON calls (account, started_at) INCLUDE (direction, disposition, agent, talk_seconds, wait_seconds)",
        // Substring search over the same folded text as SQLite's trigram index.
        "CREATE INDEX calls_search ON calls USING gin (search_text gin_trgm_ops)",
        """
        CREATE TABLE call_keys (
            account text NOT NULL,
            id text NOT NULL,
            started_at bigint NOT NULL,
            previous_start bigint,
            PRIMARY KEY (account, id)
        )
        """,
        // Dropping a month deletes its keys by start time.
        "CREATE INDEX call_keys_by_start ON call_keys (started_at)",
        """
        CREATE TABLE local_annotations (
            account text NOT NULL,
            call_id text NOT NULL,
            note bytea,
            tags text NOT NULL,
            updated_at double precision NOT NULL,
            PRIMARY KEY (account, call_id)
        )
        """,
        """
        CREATE TABLE known_tags (
            account text NOT NULL,
            tag bytea NOT NULL,
            PRIMARY KEY (account, tag)
        )
        """,
        """
        CREATE TABLE outbox (
            seq bigserial PRIMARY KEY,
            account text NOT NULL,
            call_id text NOT NULL,
            note bytea NOT NULL,
            tags text NOT NULL,
            state text NOT NULL CHECK (state IN ('pending', 'sent', 'superseded')),
            created_at double precision NOT NULL,
            attempts integer NOT NULL DEFAULT 0,
            last_error bytea,
            last_attempt_at double precision,
            sent_at double precision,
            claimed_by text,
            claimed_until double precision
        )
        """,
        "CREATE UNIQUE INDEX outbox_pending ON outbox (account, call_id) WHERE state = 'pending'",
        "CREATE INDEX outbox_by_call ON outbox (account, call_id, seq)",
        """
        CREATE TABLE sync_spans (
            account text NOT NULL,
            from_s bigint NOT NULL,
            to_s bigint NOT NULL,
            synced_at double precision NOT NULL,
            PRIMARY KEY (account, from_s)
        )
        """,
    ])
}
