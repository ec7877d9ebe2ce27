import CallScopeKit
import Foundation
import GRDB

/// The list's phone and agent filters as SQL functions, so a query that groups calls (a report)
/// decides them in SQLite exactly as `CallQuery.matches` does: phone numbers by significant
/// digits, an agent by id or part of the name in any case (which SQLite's `lower` cannot do
/// beyond ASCII). Registered on every connection of the store.
enum FilterFunctions {
    /// `callscope_phone_matches(wanted, from_number, to_number)`
    static let phone = DatabaseFunction("callscope_phone_matches", argumentCount: 3, pure: true) { values in
        guard let wanted = text(values[0]) else { return false }
        return PhoneNumber.matches(wanted, text(values[1])) || PhoneNumber.matches(wanted, text(values[2]))
    }

    /// `callscope_agent_matches(wanted, agent, agent_name)`
    static let agent = DatabaseFunction("callscope_agent_matches", argumentCount: 3, pure: true) { values in
        guard let wanted = text(values[0]) else { return false }
        return CallQuery.agentMatches(wanted, agent: text(values[1]), agentName: text(values[2]))
    }

    static func register(in db: Database) {
        db.add(function: phone)
        db.add(function: agent)
    }

    /// Stored free text is UTF-8 in a BLOB (`StoredText`); arguments arrive as TEXT.
    private static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        case .string(let string): string
        default: nil
        }
    }
}

extension StoreSQL {
    /// The SQL of every filter of `query` but its range, the phone and agent filters included
    /// (the list checks those on each row read instead). A search is looked up in the index as
    /// a set of keys rather than read key by key: a report asks for each hour of its range.
    static func allFilters(_ query: StoreQuery, db: Database) throws -> StoreSQL {
        var unranged = query
        (unranged.from, unranged.to) = (nil, nil)
        var sql = try StoreSQL(unranged, db: db, fewMatchesByKey: false)
        if let phone = query.phone { sql.add("callscope_phone_matches(?, c.from_number, c.to_number)", phone) }
        if let agent = query.agent { sql.add("callscope_agent_matches(?, c.agent, c.agent_name)", agent) }
        return sql
    }
}
