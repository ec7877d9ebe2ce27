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

    init(_ query: StoreQuery) {
        conditions.append("c.account = \(bind(query.account))")
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

    /// One page after `cursor`: the cursor bounds the index range itself, so a page far into a
    /// year costs what the first does.
    func page(after cursor: StoreCursor?, order: StoreQuery.Order, limit: Int) -> PostgresQuery {
        var builder = self
        let descending = order == .newestFirst
        if let cursor {
            if descending { builder.upper = min(builder.upper ?? .max, cursor.startedAt) } else {
                builder.lower = max(builder.lower ?? .min, cursor.startedAt)
            }
            let start = builder.bind(cursor.startedAt), id = builder.bind(cursor.id)
            builder.conditions.append("(c.started_at, c.id) \(descending ? "<" : ">") (\(start), \(id))")
        }
        builder.addBounds()
        let direction = descending ? "DESC" : "ASC"
        return PostgresQuery(unsafeSQL: """
            SELECT \(CallRows.selection), \(AnnotationOverlay.selection)
            FROM calls c \(AnnotationOverlay.callJoins)
            WHERE \(builder.conditions.joined(separator: " AND "))
            ORDER BY c.started_at \(direction), c.id \(direction)
            LIMIT \(limit)
            """, binds: builder.bindings)
    }

    func count() -> PostgresQuery {
        var builder = self
        builder.addBounds()
        return PostgresQuery(unsafeSQL: "SELECT count(*) FROM calls c WHERE \(builder.conditions.joined(separator: " AND "))",
                             binds: builder.bindings)
    }

    private mutating func addBounds() {
        if let lower { conditions.append("c.started_at >= \(bind(lower))") }
        if let upper { conditions.append("c.started_at <= \(bind(upper))") }
    }
}

extension PostgresQueryBuilder {
    /// A report's two queries, the filters without the query's own range: one row per (agent,
    /// direction, disposition) over [from, to], and the counts of each slice in order.
    func reportGroups(from: Int64, to: Int64) -> PostgresQuery {
        var builder = self
        (builder.lower, builder.upper) = (from, to)
        builder.addBounds()
        // The agent name of the group's newest call, as the SQLite store shows it.
        return PostgresQuery(unsafeSQL: """
            SELECT c.agent, c.direction, c.disposition, count(*), coalesce(sum(c.talk_seconds), 0)::bigint,
                   coalesce(sum(c.wait_seconds), 0)::bigint, count(c.wait_seconds), max(c.started_at),
                   (array_agg(c.agent_name ORDER BY c.started_at DESC))[1]
            FROM calls c WHERE \(builder.conditions.joined(separator: " AND "))
            GROUP BY c.agent, c.direction, c.disposition
            """, binds: builder.bindings)
    }

    func reportSlices(lows: [Int64], highs: [Int64]) -> PostgresQuery {
        var builder = self
        (builder.lower, builder.upper) = (nil, nil)
        let low = builder.bind(lows), high = builder.bind(highs)
        return PostgresQuery(unsafeSQL: """
            SELECT count(c.id), count(*) FILTER (WHERE c.disposition = 'answered'), count(*) FILTER (WHERE c.disposition = 'missed'),
                   coalesce(sum(c.talk_seconds), 0)::bigint
            FROM unnest(\(low)::bigint[], \(high)::bigint[]) WITH ORDINALITY AS s(low, high, n)
            LEFT JOIN calls c ON \(builder.conditions.joined(separator: " AND ")) AND c.started_at BETWEEN s.low AND s.high
            GROUP BY s.n ORDER BY s.n
            """, binds: builder.bindings)
    }
}
