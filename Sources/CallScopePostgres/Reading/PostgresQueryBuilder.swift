import CallScopeKit
import CallScopeStore
import PostgresNIO

/// The SQL of a `StoreQuery` on the team store, every filter in the WHERE clause: the range and
/// the keyset as bounds of the primary key (account, started_at, id), the search as `LIKE` over
/// the folded text (the trigram index answers it), phone numbers by their significant digits and
/// the agent by id or part of the name, as the SQLite store decides them.
struct PostgresQueryBuilder {
    private var conditions: [String] = []
    private var bindings = PostgresBindings()
    private var lower: Int64?
    private var upper: Int64?
    /// The placeholder of the query's account.
    private var account = ""

    init(_ query: StoreQuery) {
        account = bind(query.account)
        conditions.append("c.account = \(account)")
        if query.from != nil || query.to != nil {
            lower = max(PostgresSchema.noStart + 1, query.from.map(CallColumns.seconds) ?? .min)
            upper = query.to.map(CallColumns.seconds)
        }
        if let direction = query.direction { conditions.append("c.direction = \(bind(direction.rawValue))") }
        if let disposition = query.disposition { conditions.append("c.disposition = \(bind(disposition.rawValue))") }
        if let phone = query.phone {
            let digits = PhoneNumber.significant(phone)
            conditions.append(digits.isEmpty ? "false"
                : "(strpos(c.from_digits, \(bind(digits))) > 0 OR strpos(c.to_digits, \(bind(digits))) > 0)")
        }
        if let agent = query.agent {
            conditions.append("(c.agent = \(bind(ByteBuffer(string: agent))) OR strpos(c.agent_name_lower, \(bind(CallRows.lowercasedText(agent)))) > 0)")
        }
        if let text = query.text {
            for term in SearchText.terms(of: text) {
                let word: String
                switch term {
                case .indexed(let text), .scanned(let text): word = text
                }
                conditions.append("c.search_text LIKE \(bind("%" + Self.escapeLike(word) + "%"))")
            }
        }
    }

    /// Adds a parameter; its placeholder.
    private mutating func bind(_ value: some PostgresNonThrowingEncodable & Sendable) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    static func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "\\" || character == "%" || character == "_" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// One page after `cursor`, in the query's order. By time, the cursor bounds the index range
    /// itself, so a page far into a year costs what the first does; by a column, the row value
    /// (column, start, id) bounds that column's expression index.
    func page(after cursor: StoreCursor?, order: StoreQuery.Order, sort: StoreSort = .time, limit: Int) -> PostgresQuery {
        var builder = self
        builder.keyset(after: cursor, order: order, sort: sort)
        let direction = order == .newestFirst ? "DESC" : "ASC"
        let leading = StoreSortSQL.expression(sort, emptyBytes: Self.emptyBytes).map { "\($0) \(direction), " } ?? ""
        return PostgresQuery(unsafeSQL: """
            SELECT \(CallRows.selection), \(AnnotationOverlay.selection)
            FROM calls c \(AnnotationOverlay.callJoins)
            WHERE \(builder.conditions.joined(separator: " AND "))
            ORDER BY \(leading)c.started_at \(direction), c.id \(direction)
            LIMIT \(limit)
            """, binds: builder.bindings)
    }

    /// How many calls match (after `cursor` in the query's order, when given).
    func count(after cursor: StoreCursor? = nil, order: StoreQuery.Order = .newestFirst, sort: StoreSort = .time) -> PostgresQuery {
        var builder = self
        builder.keyset(after: cursor, order: order, sort: sort)
        return PostgresQuery(unsafeSQL: "SELECT count(*) FROM calls c WHERE \(builder.conditions.joined(separator: " AND "))",
                             binds: builder.bindings)
    }

    /// PostgreSQL's empty `bytea`, what a missing text sorts as.
    static let emptyBytes = "''::bytea"

    private mutating func keyset(after cursor: StoreCursor?, order: StoreQuery.Order, sort: StoreSort) {
        let descending = order == .newestFirst
        if let cursor {
            let comparison = descending ? "<" : ">"
            if let expression = StoreSortSQL.expression(sort, emptyBytes: Self.emptyBytes), let key = cursor.key {
                let value: String
                switch key {
                case .text(let text): value = bind(text)
                case .bytes(let bytes): value = bind(ByteBuffer(bytes: bytes))
                case .integer(let number): value = bind(number)
                }
                let start = bind(cursor.startedAt), id = bind(cursor.id)
                conditions.append("(\(expression), c.started_at, c.id) \(comparison) (\(value), \(start), \(id))")
            } else {
                if descending { upper = min(upper ?? .max, cursor.startedAt) } else { lower = max(lower ?? .min, cursor.startedAt) }
                let start = bind(cursor.startedAt), id = bind(cursor.id)
                conditions.append("(c.started_at, c.id) \(comparison) (\(start), \(id))")
            }
        }
        addBounds()
    }

    private mutating func addBounds() {
        if let lower { conditions.append("c.started_at >= \(bind(lower))") }
        if let upper { conditions.append("c.started_at <= \(bind(upper))") }
    }
}

extension PostgresQueryBuilder {
    /// A report's two queries, the filters without the query's own range: one row per (agent,
    /// direction, disposition) over [from, to], and the counts of each slice in order.
    /// The (agent, direction, disposition) groups of a report, hashed rather than sorted (with the
    /// report's `work_mem`); the agent name is the group's newest call's, looked up after.
    func reportGroups(from: Int64, to: Int64) -> PostgresQuery {
        var builder = self
        (builder.lower, builder.upper) = (from, to)
        builder.addBounds()
        return PostgresQuery(unsafeSQL: """
            WITH g AS (
                SELECT c.agent, c.direction, c.disposition, count(*) AS calls, coalesce(sum(c.talk_seconds), 0)::bigint AS talk,
                       coalesce(sum(c.wait_seconds), 0)::bigint AS wait, count(c.wait_seconds) AS waited, max(c.started_at) AS latest
                FROM calls c WHERE \(builder.conditions.joined(separator: " AND "))
                GROUP BY c.agent, c.direction, c.disposition
            )
            SELECT g.agent, g.direction, g.disposition, g.calls, g.talk, g.wait, g.waited, g.latest,
                   (SELECT n.agent_name FROM calls n
                    WHERE n.account = \(account) AND n.started_at = g.latest AND n.agent IS NOT DISTINCT FROM g.agent
                      AND n.direction = g.direction AND n.disposition = g.disposition
                    ORDER BY n.id LIMIT 1)
            FROM g
            """, binds: builder.bindings)
    }

    /// The counts of each slice in one pass: `lows` are the slices' first seconds, in order, and
    /// each slice runs to the next one's start (the last to `to`), so a call's slice is its
    /// `width_bucket` among them.
    func reportSlices(lows: [Int64], from: Int64, to: Int64) -> PostgresQuery {
        var builder = self
        (builder.lower, builder.upper) = (from, to)
        builder.addBounds()
        let starts = builder.bind(lows)
        return PostgresQuery(unsafeSQL: """
            SELECT width_bucket(c.started_at, \(starts)::bigint[]), count(*), count(*) FILTER (WHERE c.disposition = 'answered'),
                   count(*) FILTER (WHERE c.disposition = 'missed'), coalesce(sum(c.talk_seconds), 0)::bigint
            FROM calls c WHERE \(builder.conditions.joined(separator: " AND "))
            GROUP BY 1
            """, binds: builder.bindings)
    }
}
