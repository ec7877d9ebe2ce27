import CallScopeKit
import CallScopeSandbox
import Foundation
import PostgresTestSupport
import Testing
@testable import CallScopeStore

/// Several machines on one team store: what one does, the others do not do again.
@Suite("Machines sharing a team store", .throwawayPostgres)
struct TeamMachinesTests {
    @Test func twoMachinesSyncingOneAccountAtOnceFetchTheRangeOnce() async throws {
        try await withSandboxAccounts(.postgres) { sandbox in
            let first = try await sandbox.openStore()
            let account = sandbox.account(.caresoft)
            let now = Date()
            let query = CallQuery(from: now.addingTimeInterval(-30 * 86400), to: now)
            let alone = try await SyncEngine(provider: try sandbox.client(.caresoft), store: first).sync(query, refresh: true, now: now)
            let oneSync = sandbox.sandbox.requests(containing: "/api/v1/calls")

            // A fresh database for the pair, so both find the whole range missing.
            try await withStoreLocation(.postgres) { location in
                let machines = [try await location.open(), try await location.open()]
                let results = try await withThrowingTaskGroup(of: SyncResult.self) { group in
                    for machine in machines {
                        group.addTask { try await SyncEngine(provider: try sandbox.client(.caresoft), store: machine).sync(query, now: now) }
                    }
                    return try await group.reduce(into: [SyncResult]()) { $0.append($1) }
                }
                // One fetched the month; the other then found it synced but for its settling hour.
                let requests = sandbox.sandbox.requests(containing: "/api/v1/calls") - oneSync
                #expect(requests < oneSync + 4, "\(requests) list requests for a month that takes \(oneSync)")
                #expect(results.map(\.calls).max() == alone.calls)
                #expect(results.map(\.calls).min()! < alone.calls)
                #expect(try await machines[1].count(StoreQuery(account: account.name, query: query)) == alone.calls)
            }
        }
    }

    @Test func editsSentFromTwoMachinesAtOnceReachTheProviderOnceEach() async throws {
        try await withSandboxAccounts(.postgres) { sandbox in
            let first = try await sandbox.openStore(), second = try await sandbox.openStore()
            let omi = try sandbox.cached(.omicall, store: first)
            let ids = try await omi.allCalls(sandbox.recent).prefix(12).map(\.id)
            for (number, id) in ids.enumerated() {
                _ = try await first.enqueueEdit(account: "omi", id: id, note: "ghi chú \(number)", tags: ["đã gọi"])
            }
            let results = try await withThrowingTaskGroup(of: EditSender.SyncResult.self) { group in
                for machine in [first, second] {
                    group.addTask { try await EditSender(store: machine, readOnly: false).sync(via: try sandbox.client(.omicall)) }
                }
                return try await group.reduce(into: [EditSender.SyncResult]()) { $0.append($1) }
            }
            #expect(results.map(\.sent.count).reduce(0, +) == ids.count)
            for id in ids { #expect(sandbox.sandbox.omicallChangeRequests(id: id) == 1, "\(id)") }
            #expect(try await second.pendingEdits().isEmpty)
        }
    }
}
