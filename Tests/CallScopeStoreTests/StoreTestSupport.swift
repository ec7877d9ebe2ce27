import CallScopeKit
import Foundation
import GRDB
import PostgresNIO
import PostgresTestSupport
import Testing
@testable import CallScopePostgres
@testable import CallScopeStore

/// A folder of its own for each test, removed afterwards.
func withTemporaryFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-store-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(folder)
}

/// The two stores every store test runs against: the SQLite file and the team's PostgreSQL
/// database (a throwaway server of the suite's own, `.throwawayPostgres`).
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

/// Where a test's store lives; `open()` opens it again, as another process (or machine) would.
enum StoreLocation: Sendable {
    case folder(URL)
    case database(PostgresStoreSettings)

    func open() async throws -> any CallStoring {
        switch self {
        case .folder(let folder): try CallStore(dataDirectory: folder)
        case .database(let settings): try await PostgresCallStore(settings: settings)
        }
    }
}

/// A new, empty place for a store of `backend`.
func withStoreLocation<T>(_ backend: StoreBackend, _ body: (StoreLocation) async throws -> T) async throws -> T {
    switch backend {
    case .sqlite:
        return try await withTemporaryFolder { try await body(.folder($0)) }
    case .postgres:
        let server = try ThrowawayPostgres.server
        return try await body(.database(server.settings(database: try await server.createDatabase())))
    }
}

/// A fresh store of `backend`.
func withStore<T>(_ backend: StoreBackend, _ body: (any CallStoring) async throws -> T) async throws -> T {
    try await withStoreLocation(backend) { try await body(try await $0.open()) }
}

/// A fresh SQLite store, for what only it has (its file, its query plans).
func withSQLiteStore<T>(_ body: (CallStore) async throws -> T) async throws -> T {
    try await withTemporaryFolder { folder in try await body(CallStore(dataDirectory: folder)) }
}

/// Every row of `calls`, whatever the account.
func storedRows(_ store: any CallStoring) async throws -> Int {
    switch store {
    case let store as CallStore:
        return try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM calls") ?? -1 }
    case let store as PostgresCallStore:
        return try await store.database.withConnection { connection in
            for try await count in try await connection.query("SELECT count(*) FROM calls", logger: store.database.logger).decode(Int.self) {
                return count
            }
            return -1
        }
    default:
        Issue.record("an unknown store")
        return -1
    }
}

/// A CareSoft-like call starting `start` seconds after a fixed instant.
func sampleCall(_ id: String, account: String = "cs", provider: ProviderKind = .caresoft, start: Int64? = 0,
                from: String? = "0901774143", to: String? = "1900", agent: String? = "1444", agentName: String? = "Tiến",
                customer: String? = nil, direction: Direction = .inbound, disposition: Disposition = .answered,
                note: String? = nil, tags: [String] = [], campaign: String? = nil) -> CallRecord {
    CallRecord(account: account, provider: provider, id: id, direction: direction, from: from, to: to, agent: agent,
               agentName: agentName, customerName: customer,
               startedAt: start.map { Date(timeIntervalSince1970: TimeInterval(1_790_000_000 + $0)) },
               endedAt: start.map { Date(timeIntervalSince1970: TimeInterval(1_790_000_060 + $0)) },
               talkSeconds: 42, durationSeconds: 60, disposition: disposition, providerStatus: "meetAgent",
               cost: 890.5, campaign: campaign, tags: tags, note: note,
               raw: ["call_id": .string(id), "nested": ["n": 1, "ok": true]])
}

/// Every page of `query`, `size` at a time, as the ids in order.
func allPages(_ store: any CallStoring, _ query: StoreQuery, size: Int) async throws -> [String] {
    var ids: [String] = [], cursor: StoreCursor?
    repeat {
        let page = try await store.page(query, after: cursor, limit: size)
        #expect(page.records.count <= size)
        ids += page.records.map(\.id)
        cursor = page.next
    } while cursor != nil
    return ids
}
