import CallScopeKit
import Foundation
import GRDB

/// The list's filters that SQL cannot say on its own, as SQLite functions, so that a filtered
/// page or count is decided in the query exactly as `CallQuery.matches` decides it: phone numbers
/// by their significant digits, an agent by id or by part of the name.
enum RowFunctions {
    /// `callscope_phone(wanted, from_number, to_number)`
    static let phone = DatabaseFunction("callscope_phone", argumentCount: 3, pure: true) { values in
        guard let wanted = String.fromDatabaseValue(values[0]) else { return false }
        return PhoneNumber.matches(wanted, text(values[1])) || PhoneNumber.matches(wanted, text(values[2]))
    }

    /// `callscope_agent(wanted, agent, agent_name)`
    static let agent = DatabaseFunction("callscope_agent", argumentCount: 3, pure: true) { values in
        guard let wanted = String.fromDatabaseValue(values[0]) else { return false }
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
