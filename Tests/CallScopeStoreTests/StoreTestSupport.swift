import CallScopeKit
import Foundation
import Testing
@testable import CallScopeStore

/// A folder of its own for each test, removed afterwards.
func withTemporaryFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-store-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(folder)
}

/// A fresh store in a temporary folder.
func withStore<T>(_ body: (CallStore) async throws -> T) async throws -> T {
    try await withTemporaryFolder { folder in try await body(CallStore(dataDirectory: folder)) }
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
func allPages(_ store: CallStore, _ query: StoreQuery, size: Int) async throws -> [String] {
    var ids: [String] = [], cursor: StoreCursor?
    repeat {
        let page = try await store.page(query, after: cursor, limit: size)
        #expect(page.records.count <= size)
        ids += page.records.map(\.id)
        cursor = page.next
    } while cursor != nil
    return ids
}
