import CallScopeKit
import CallScopePostgres
import CallScopeStore
import Foundation

/// Where calls are kept: the team's PostgreSQL database when the config has `[store]`, else the
/// SQLite file in the data folder.
enum StoreChoice {
    static func open(_ team: PostgresStoreSettings?, dataDirectory: URL, writerCacheMiB: Int = CallStore.bulkWriterCacheMiB) async throws -> any CallStoring {
        if let team { return try await PostgresCallStore(settings: team) }
        return try CallStore(dataDirectory: dataDirectory, writerCacheMiB: writerCacheMiB)
    }
}
