import CallScopeKit
import CallScopeSandbox
import Foundation
import PostgresTestSupport
import TerminalTestSupport
import Testing
@testable import CallScopeStore

/// Nothing typed is lost: an edit is stored before it is sent, a refused or interrupted send
/// leaves it pending, and a later sync delivers it exactly once.
@Suite("Notes and tags: outbox, sync, local annotations", .throwawayPostgres) struct AnnotationFlowTests {
    @Test(arguments: StoreBackend.allCases) func aRefusedEditStaysPendingWithTheProvidersWordsAndSyncDeliversItOnce(_ backend: StoreBackend) async throws {
        try await withSandboxAccounts(backend) { env in
            let store = try await env.openStore()
            let omi = try env.cached(.omicall, store: store)
            let id = try #require(try await omi.allCalls(env.recent).first).id
            env.sandbox.faults = try .parse("error=1,only=/omicall/api/call_transaction/change")

            let refused = await #expect(throws: EditNotSent.self) {
                try await omi.annotate(id: id, note: "Khách hẹn gọi lại lúc 15h", tags: ["gọi lại", "vip"])
            }
            #expect(refused?.reason.contains("HTTP 5") == true, "\(String(describing: refused))")
            guard case .failed(let reason) = try await store.annotationState(account: "omi", id: id) else {
                Issue.record("the edit is not marked failed")
                return
            }
            #expect(reason.contains("HTTP 5") && reason.contains("change"))
            #expect(env.sandbox.omicallChangeRequests(id: id) == 0)
            // the call shows what was typed meanwhile, on the cached copy and on a fresh fetch
            #expect(try await store.call(account: "omi", id: id)?.note == "Khách hẹn gọi lại lúc 15h")
            #expect(try await omi.call(id: id).tags == ["gọi lại", "vip"])

            env.sandbox.faults = .none
            let result = try await EditSender(store: store, readOnly: false).sync(via: try env.client(.omicall))
            #expect(result.sent.count == 1 && result.failed.isEmpty)
            #expect(env.sandbox.omicallChangeRequests(id: id) == 1)
            #expect(try await store.annotationState(account: "omi", id: id) == .synced)
            // a second sync has nothing to send
            #expect(try await EditSender(store: store, readOnly: false).sync(via: try env.client(.omicall)).sent.isEmpty)
            #expect(env.sandbox.omicallChangeRequests(id: id) == 1)
            // the provider has it
            let detail = try await env.client(.omicall).call(id: id)
            #expect(detail.note == "Khách hẹn gọi lại lúc 15h" && detail.tags == ["gọi lại", "vip"])
        }
    }

    @Test(arguments: StoreBackend.allCases) func anEditWrittenButNeverSentIsDeliveredByTheNextProcess(_ backend: StoreBackend) async throws {
        try await withSandboxAccounts(backend) { env in
            let id = try #require(try await env.cached(.omicall, store: await env.openStore()).allCalls(env.recent).first).id
            // the first "process" stores the edit and dies before sending it
            _ = try await env.openStore().enqueueEdit(account: "omi", id: id, note: "Đã gọi lại", tags: ["xong"])
            #expect(env.sandbox.omicallChangeRequests(id: id) == 0)

            let store = try await env.openStore()
            #expect(try await store.annotationState(account: "omi", id: id) == .pending)
            #expect(try await store.call(account: "omi", id: id)?.note == "Đã gọi lại")
            let result = try await EditSender(store: store, readOnly: false).sync(via: try env.client(.omicall))
            #expect(result.sent.map(\.callID) == [id])
            #expect(env.sandbox.omicallChangeRequests(id: id) == 1)
            #expect(try await env.client(.omicall).call(id: id).note == "Đã gọi lại")
        }
    }

    @Test(arguments: StoreBackend.allCases) func aNewerEditSupersedesAnUnsentOne(_ backend: StoreBackend) async throws {
        try await withSandboxAccounts(backend) { env in
            let store = try await env.openStore()
            let id = try #require(try await env.cached(.omicall, store: store).allCalls(env.recent).first).id
            _ = try await store.enqueueEdit(account: "omi", id: id, note: "first", tags: ["a"])
            _ = try await store.enqueueEdit(account: "omi", id: id, note: "second", tags: ["b"])
            #expect(try await store.pendingEdits(account: "omi").map(\.note) == ["second"])
            #expect(try await EditSender(store: store, readOnly: false).sync(via: try env.client(.omicall)).sent.count == 1)
            #expect(env.sandbox.omicallChangeRequests(id: id) == 1)
            #expect(try await env.client(.omicall).call(id: id).note == "second")
        }
    }

    @Test(arguments: StoreBackend.allCases) func localNotesSurviveARestartAndMergeIntoFetchedCalls(_ backend: StoreBackend) async throws {
        try await withSandboxAccounts(backend) { env in
            let first = try env.cached(.caresoft, store: await env.openStore())
            let calls = try await first.allCalls(env.recent)
            let id = try #require(calls.first).id
            let saved = try await first.annotate(id: id, note: "Khách phàn nàn về cước", tags: ["khiếu nại"])
            #expect(saved.note == "Khách phàn nàn về cước" && saved.annotationSource == .local)

            // a new process: the note is in the store and merged into what the provider sends
            let store = try await env.openStore()
            let fetched = try await env.cached(.caresoft, store: store).allCalls(env.recent)
            let merged = try #require(fetched.first { $0.id == id })
            #expect(merged.note == "Khách phàn nàn về cước" && merged.tags == ["khiếu nại"] && merged.annotationSource == .local)
            #expect(try await env.client(.caresoft).allCalls(env.recent).first { $0.id == id }?.note != merged.note)
            #expect(try await store.annotationState(account: "cs", id: id) == .synced)
            #expect(try await store.page(StoreQuery(account: "cs", text: "khieu nai")).records.map(\.id) == [id])
            #expect(try await store.pendingEdits().isEmpty)
        }
    }

    @Test func claimsKeepTwoSendersApartAndDieWithTheirProcess() async throws {
        try await withSQLiteStore { store in
            let older = try await store.enqueueEdit(account: "omi", id: "c1", note: "n", tags: [])
            #expect(try await store.claim(older))
            #expect(try await !store.claim(older))
            // a newer edit of the same call waits while the older one is on the wire
            let newer = try await store.enqueueEdit(account: "omi", id: "c1", note: "n2", tags: [])
            #expect(try await !store.claim(newer))
            try await store.markFailed(older, reason: "gone")
            #expect(try await store.claim(newer))

            // a claim held by a process that has ended is taken over
            let other = try await store.enqueueEdit(account: "omi", id: "c2", note: "x", tags: [])
            let ended = try await Program.run("/bin/true", []).processID
            try await store.pool.write { db in
                try db.execute(sql: "UPDATE outbox SET claimed_by = ?, claimed_until = ? WHERE seq = ?",
                               arguments: [ended, Date().timeIntervalSince1970 + 600, other.seq])
            }
            #expect(try await store.claimPendingEdits().map(\.seq) == [other.seq])
        }
    }
}
