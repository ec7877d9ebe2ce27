import CallScopeKit
import Foundation
import PostgresNIO
import PostgresTestSupport
import Testing
@testable import CallScopePostgres

/// A team store on a new database of the suite's throwaway server.
func withTeamStore<T>(_ body: (PostgresCallStore, PostgresStoreSettings) async throws -> T) async throws -> T {
    let server = try ThrowawayPostgres.server
    let settings = server.settings(database: try await server.createDatabase())
    let store = try await PostgresCallStore(settings: settings)
    defer { store.close() }
    return try await body(store, settings)
}

/// A CareSoft-like call starting at `start` (epoch seconds; nil for none).
func teamCall(_ id: String, account: String = "cs", start: Int64? = 1_790_000_000, from: String? = "0901774143",
              customer: String? = nil, agentName: String? = "Tiến", note: String? = nil, tags: [String] = []) -> CallRecord {
    CallRecord(account: account, provider: .caresoft, id: id, direction: .inbound, from: from, to: "1900", agent: "1444",
               agentName: agentName, customerName: customer,
               startedAt: start.map { Date(timeIntervalSince1970: TimeInterval($0)) },
               endedAt: start.map { Date(timeIntervalSince1970: TimeInterval($0 + 60)) },
               talkSeconds: 42, durationSeconds: 60, disposition: .answered, providerStatus: "meetAgent", cost: 890.5,
               tags: tags, note: note, raw: ["call_id": .string(id), "nested": ["n": 1, "ok": true]])
}

/// The first column of every row `sql` returns, as text (through the store's own connections).
func column(_ store: PostgresCallStore, _ sql: String) async throws -> [String] {
    try await store.database.withConnection { connection in
        var values: [String] = []
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: store.database.logger) {
            values.append(try row.makeRandomAccess()[0].decode(String.self))
        }
        return values
    }
}
