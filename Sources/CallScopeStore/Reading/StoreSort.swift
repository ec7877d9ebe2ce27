import CallScopeKit

/// The columns a list of stored calls can be ordered by. Every order ends with the start time
/// and the id, so it is total and a keyset page can start anywhere in it.
public enum StoreSort: String, Sendable, CaseIterable {
    case time, direction, from, to, agent, disposition, talk

    /// The value a call is ordered by, as the store compares it (nil for time: the start time
    /// is the order itself). Text is compared as its UTF-8 bytes, a missing value as empty, a
    /// missing talk time as -1: the same as the SQL of `StoreSortSQL`.
    package func key(of record: CallRecord) -> StoreSortKey? {
        switch self {
        case .time: nil
        case .direction: .text(record.direction.rawValue)
        case .disposition: .text(record.disposition.rawValue)
        case .from: .bytes(Array((record.from ?? "").utf8))
        case .to: .bytes(Array((record.to ?? "").utf8))
        case .agent: .bytes(Array((record.agent ?? record.agentName ?? "").utf8))
        case .talk: .integer(Int64(record.talkSeconds ?? -1))
        }
    }
}

/// A sort column's value in a cursor.
package enum StoreSortKey: Sendable, Hashable {
    case text(String)
    case bytes([UInt8])
    case integer(Int64)
}

/// The SQL each backend orders a sorted list by: the column's expression (the expression indexes
/// of both stores are made of exactly these), given the backend's empty-bytes literal.
package enum StoreSortSQL {
    package static func expression(_ sort: StoreSort, emptyBytes: String) -> String? {
        switch sort {
        case .time: nil
        case .direction: "c.direction"
        case .disposition: "c.disposition"
        case .from: "coalesce(c.from_number, \(emptyBytes))"
        case .to: "coalesce(c.to_number, \(emptyBytes))"
        case .agent: "coalesce(c.agent, c.agent_name, \(emptyBytes))"
        case .talk: "coalesce(c.talk_seconds, -1)"
        }
    }
}
