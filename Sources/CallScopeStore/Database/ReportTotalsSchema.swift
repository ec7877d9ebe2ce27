import GRDB

/// Running totals a report reads instead of a year of calls: per account and UTC day, the counts
/// of each (agent, direction, disposition) (`report_days`); per account and UTC hour, the counts
/// the chart needs (`report_hours`). Triggers on `calls` keep them equal to the calls whoever
/// writes (a sync, a push, an edit), in the same transaction; a call without a start is in none.
///
/// The agent is a key, so it cannot be NULL there: `has_agent` tells a call without an agent from
/// one whose agent is empty. `latest` and `agent_name` are the newest call's (the name a report
/// shows); when that call leaves its group, they are looked up again among the calls left.
enum ReportTotalsSchema {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE report_days (
                account TEXT NOT NULL, day INTEGER NOT NULL, has_agent INTEGER NOT NULL, agent BLOB NOT NULL,
                direction TEXT NOT NULL, disposition TEXT NOT NULL,
                calls INTEGER NOT NULL, talk_seconds INTEGER NOT NULL, wait_seconds INTEGER NOT NULL,
                calls_with_wait INTEGER NOT NULL, latest INTEGER NOT NULL, agent_name BLOB,
                PRIMARY KEY (account, day, has_agent, agent, direction, disposition)
            ) WITHOUT ROWID;
            CREATE TABLE report_hours (
                account TEXT NOT NULL, hour INTEGER NOT NULL,
                calls INTEGER NOT NULL, answered INTEGER NOT NULL, missed INTEGER NOT NULL, talk_seconds INTEGER NOT NULL,
                PRIMARY KEY (account, hour)
            ) WITHOUT ROWID;
            CREATE TRIGGER calls_report_insert AFTER INSERT ON calls BEGIN \(add("new")) END;
            CREATE TRIGGER calls_report_delete AFTER DELETE ON calls BEGIN \(subtract("old")) END;
            CREATE TRIGGER calls_report_update AFTER UPDATE ON calls
            WHEN (old.account, old.started_at, old.agent, old.agent_name, old.direction, old.disposition, old.talk_seconds, old.wait_seconds)
              IS NOT (new.account, new.started_at, new.agent, new.agent_name, new.direction, new.disposition, new.talk_seconds, new.wait_seconds)
            BEGIN \(subtract("old")) \(add("new")) END;
            """)
        try backfill(db)
    }

    /// The unit (day or hour) holding a call's start, rounding down before 1970 too.
    private static func unit(_ row: String, _ seconds: Int64) -> String {
        "(\(row).started_at - ((\(row).started_at % \(seconds)) + \(seconds)) % \(seconds)) / \(seconds)"
    }

    private static func started(_ row: String) -> String { "\(row).started_at <> \(CallColumns.noStart)" }

    /// The statements that count the call `row` ("new") in.
    private static func add(_ row: String) -> String {
        """
        INSERT INTO report_days (account, day, has_agent, agent, direction, disposition, calls, talk_seconds, wait_seconds,
                                 calls_with_wait, latest, agent_name)
        SELECT \(row).account, \(unit(row, ReportCover.day)), \(row).agent IS NOT NULL, ifnull(\(row).agent, x''),
               \(row).direction, \(row).disposition, 1, ifnull(\(row).talk_seconds, 0), ifnull(\(row).wait_seconds, 0),
               \(row).wait_seconds IS NOT NULL, \(row).started_at, \(row).agent_name
        WHERE \(started(row))
        ON CONFLICT DO UPDATE SET calls = calls + 1, talk_seconds = talk_seconds + excluded.talk_seconds,
            wait_seconds = wait_seconds + excluded.wait_seconds, calls_with_wait = calls_with_wait + excluded.calls_with_wait,
            agent_name = CASE WHEN excluded.latest >= latest THEN excluded.agent_name ELSE agent_name END,
            latest = max(latest, excluded.latest);
        INSERT INTO report_hours (account, hour, calls, answered, missed, talk_seconds)
        SELECT \(row).account, \(unit(row, ReportCover.hour)), 1, \(row).disposition = 'answered', \(row).disposition = 'missed',
               ifnull(\(row).talk_seconds, 0)
        WHERE \(started(row))
        ON CONFLICT DO UPDATE SET calls = calls + 1, answered = answered + excluded.answered, missed = missed + excluded.missed,
            talk_seconds = talk_seconds + excluded.talk_seconds;
        """
    }

    /// The statements that count the call `row` ("old") out, dropping totals that reach zero.
    private static func subtract(_ row: String) -> String {
        let day = """
            account = \(row).account AND day = \(unit(row, ReportCover.day)) AND has_agent = (\(row).agent IS NOT NULL)
            AND agent = ifnull(\(row).agent, x'') AND direction = \(row).direction AND disposition = \(row).disposition
            AND \(started(row))
            """
        let hour = "account = \(row).account AND hour = \(unit(row, ReportCover.hour)) AND \(started(row))"
        return """
            UPDATE report_days SET calls = calls - 1, talk_seconds = talk_seconds - ifnull(\(row).talk_seconds, 0),
                wait_seconds = wait_seconds - ifnull(\(row).wait_seconds, 0),
                calls_with_wait = calls_with_wait - (\(row).wait_seconds IS NOT NULL)
            WHERE \(day);
            DELETE FROM report_days WHERE \(day) AND calls = 0;
            UPDATE report_days SET (latest, agent_name) = (
                SELECT c.started_at, c.agent_name FROM calls c
                WHERE c.account = \(row).account AND c.agent IS \(row).agent AND c.direction = \(row).direction
                  AND c.disposition = \(row).disposition
                  AND c.started_at BETWEEN day * \(ReportCover.day) AND day * \(ReportCover.day) + \(ReportCover.day - 1)
                ORDER BY c.started_at DESC LIMIT 1)
            WHERE \(day) AND latest = \(row).started_at;
            UPDATE report_hours SET calls = calls - 1, answered = answered - (\(row).disposition = 'answered'),
                missed = missed - (\(row).disposition = 'missed'), talk_seconds = talk_seconds - ifnull(\(row).talk_seconds, 0)
            WHERE \(hour);
            DELETE FROM report_hours WHERE \(hour) AND calls = 0;
            """
    }

    /// The totals of the calls already stored when the tables are made (one pass per table).
    static func backfill(_ db: Database) throws {
        // `agent_name` is a bare column beside the one max(): SQLite takes it from that row.
        try db.execute(sql: """
            INSERT INTO report_days
            SELECT c.account, \(unit("c", ReportCover.day)), c.agent IS NOT NULL, ifnull(c.agent, x''), c.direction, c.disposition,
                   count(*), sum(ifnull(c.talk_seconds, 0)), sum(ifnull(c.wait_seconds, 0)), count(c.wait_seconds),
                   max(c.started_at), c.agent_name
            FROM calls c WHERE \(started("c")) GROUP BY 1, 2, 3, 4, 5, 6;
            INSERT INTO report_hours
            SELECT c.account, \(unit("c", ReportCover.hour)), count(*), sum(c.disposition = 'answered'),
                   sum(c.disposition = 'missed'), sum(ifnull(c.talk_seconds, 0))
            FROM calls c WHERE \(started("c")) GROUP BY 1, 2;
            """)
    }
}
