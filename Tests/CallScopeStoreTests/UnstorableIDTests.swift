import CallScopeKit
import Foundation
import PostgresTestSupport
import Testing
@testable import CallScopeStore

@Suite("Calls whose id cannot be a key: skipped, reported, the rest stored", .throwawayPostgres) struct UnstorableIDTests {
    /// Good ids, and ids that are empty or hold a control character; "a\u{0}b" would be cut to
    /// "a" by SQLite's text binding, and PostgreSQL refuses a NUL in text.
    static let good = ["a", "b", "Đức-1"]
    static let bad = ["", "a\u{0}b", "tab\there", "esc\u{1B}]0;pwned\u{7}", "del\u{7F}", "c1\u{85}"]

    static func batch() -> [CallRecord] {
        zip(good + bad, 0...).map { id, n in sampleCall(id, start: Int64(n), customer: "customer of \(id.debugDescription)") }
    }

    static func expectPrintable(_ warnings: [MappingWarning]) {
        for warning in warnings {
            #expect(warning.field == "id")
            #expect(!warning.description.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(warning.description.debugDescription)")
        }
    }

    @Test(arguments: StoreBackend.allCases) func inABatchTheyAreSkippedAndReported(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let stored = try await store.ingest(Self.batch().shuffled())
            #expect(Set(stored.records.map(\.id)) == Set(Self.good))
            #expect(stored.refused.count == Self.bad.count)
            Self.expectPrintable(stored.refused)
            #expect(try await storedRows(store) == Self.good.count)
            #expect(try await store.call(account: "cs", id: "a")?.customerName == "customer of \"a\"")
            for id in Self.bad { #expect(try await store.call(account: "cs", id: id) == nil, "\(id.debugDescription)") }

            // A batch of refused calls alone stores nothing and fails nothing, durably too.
            let alone = try await store.ingestDurably(Self.bad.map { sampleCall($0) })
            #expect(alone.records.isEmpty && alone.refused.count == Self.bad.count)
            #expect(try await storedRows(store) == Self.good.count)
        }
    }

    @Test(arguments: StoreBackend.allCases) func aSyncCountsOnlyTheStoredAndWarnsOfTheRest(_ backend: StoreBackend) async throws {
        try await withSandboxAccounts(backend) { sandbox in
            let store = try await sandbox.openStore()
            let provider = FixedProvider(account: sandbox.account(.caresoft), records: Self.batch())
            let query = CallQuery(from: Date(timeIntervalSince1970: 1_790_000_000), to: Date(timeIntervalSince1970: 1_790_001_000))
            let result = try await SyncEngine(provider: provider, store: store).sync(query)
            #expect(result.calls == Self.good.count)
            #expect(result.warnings.count == Self.bad.count)
            Self.expectPrintable(result.warnings)
            #expect(try await store.count(StoreQuery(account: provider.account.name)) == Self.good.count)
        }
    }

    @Test(arguments: StoreBackend.allCases) func theCachedProviderDropsThemWithAWarning(_ backend: StoreBackend) async throws {
        try await withSandboxAccounts(backend) { sandbox in
            let store = try await sandbox.openStore()
            let provider = FixedProvider(account: sandbox.account(.caresoft), records: Self.batch())
            let cached = CachedCallProvider(provider, store: store, readOnly: false)
            let query = CallQuery(from: Date(timeIntervalSince1970: 1_790_000_000), to: Date(timeIntervalSince1970: 1_790_001_000))
            var pages: [CallPage] = []
            for try await page in cached.calls(query) { pages.append(page) }
            #expect(Set(pages.flatMap(\.records).map(\.id)) == Set(Self.good))
            #expect(pages.flatMap(\.warnings).count == Self.bad.count)
            await #expect(throws: StoreError.unstorableID(account: provider.account.name, id: "a\u{0}b")) { try await cached.call(id: "a\u{0}b") }
            #expect(try await cached.call(id: "b").id == "b")
        }
    }
}

/// A provider whose history is `records`, in one page, and who finds a call by its exact id.
struct FixedProvider: CallProvider {
    let account: AccountConfig
    let records: [CallRecord]

    init(account: AccountConfig, records: [CallRecord]) {
        self.account = account
        self.records = records.map { var record = $0; record.account = account.name; return record }
    }

    var capabilities: ProviderCapabilities {
        ProviderCapabilities(remoteAnnotations: false, totalCount: true, cursorPagination: false, maxWindowDays: nil, push: false)
    }

    func call(id: String) async throws -> CallRecord {
        guard let record = records.first(where: { $0.id == id }) else { throw CallScopeError.notFound(account: account.name, id: id) }
        return record
    }

    func calls(_ query: CallQuery) -> CallPages {
        CallPages { [records] in
            var sent = false
            return {
                guard !sent else { return nil }
                sent = true
                return CallPage(records: records, total: records.count, totalIsComplete: true, window: 1, windows: 1, page: 1,
                                pagesInWindow: 1, warnings: [], completedWindow: DateInterval(start: query.from, end: query.to))
            }
        }
    }
}
