import CallScopeKit
import CallScopeStore
import Foundation
import PostgresTestSupport
import Testing
@testable import CallScopePostgres

@Suite(.throwawayPostgres)
struct TeamOutboxTests {
    @Test func machinesClaimingAtOnceEachGetDifferentEditsAndEveryEditOnce() async throws {
        try await withTeamStore { store, settings in
            for number in 0..<60 { _ = try await store.enqueueEdit(account: "omi", id: "call\(number)", note: "n\(number)", tags: ["t"]) }
            let machines = try await (0..<5).asyncMap { _ in try await PostgresCallStore(settings: settings) }
            defer { machines.forEach { $0.close() } }
            // Each machine claims one edit at a time (as a sender working through them), all at once.
            let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for machine in machines {
                    group.addTask {
                        var mine: [Int64] = []
                        for entry in try await machine.pendingEdits(account: "omi") where try await machine.claim(entry) {
                            mine.append(entry.seq)
                        }
                        mine += try await machine.claimPendingEdits(account: "omi").map(\.seq)
                        return mine
                    }
                }
                return try await group.reduce(into: [[Int64]]()) { $0.append($1) }
            }
            let all = claimed.flatMap { $0 }
            #expect(all.count == 60)
            #expect(Set(all).count == 60)
            #expect(try await store.claimPendingEdits(account: "omi").isEmpty)
        }
    }

    @Test func aNewerEditWaitsWhileAnOlderOneOfTheCallIsBeingSent() async throws {
        try await withTeamStore { store, settings in
            let other = try await PostgresCallStore(settings: settings)
            defer { other.close() }
            let first = try await store.enqueueEdit(account: "omi", id: "c1", note: "first", tags: [])
            #expect(try await store.claim(first))
            let second = try await other.enqueueEdit(account: "omi", id: "c1", note: "second", tags: ["b"])
            #expect(try await store.pendingEdits(account: "omi") == [second])
            #expect(try await other.claimPendingEdits(account: "omi").isEmpty)
            _ = try await store.markSent(first, answer: nil)
            #expect(try await other.claimPendingEdits(account: "omi").map(\.seq) == [second.seq])
            #expect(try await other.annotationState(account: "omi", id: "c1") == .pending)
            try await other.markFailed(second, reason: "HTTP 503")
            #expect(try await store.annotationState(account: "omi", id: "c1") == .failed("HTTP 503"))
            #expect(try await store.knownTags(account: "omi") == ["b"])
        }
    }

    @Test func aSentEditStoresTheProvidersAnswer() async throws {
        try await withTeamStore { store, _ in
            try await store.ingest([teamCall("c1", account: "omi")])
            let edit = try await store.enqueueEdit(account: "omi", id: "c1", note: "gọi lại", tags: ["vip"])
            #expect(try await store.call(account: "omi", id: "c1")?.note == "gọi lại")
            #expect(try await store.claim(edit))
            let answer = teamCall("c1", account: "omi", note: "gọi lại", tags: ["vip"])
            #expect(try await store.markSent(edit, answer: answer) == answer)
            #expect(try await store.pendingEdits().isEmpty)
            #expect(try await store.annotationState(account: "omi", id: "c1") == .synced)
        }
    }
}
