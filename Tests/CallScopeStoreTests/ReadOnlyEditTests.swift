import CallScopeKit
import Foundation
import PostgresTestSupport
import Testing
@testable import CallScopeStore

/// `readonly = true` / `--readonly`: no note or tag is written anywhere and no edit reaches a
/// provider; what waits in the outbox stays there for a writable run.
@Suite("Read-only: no note or tag written, no edit sent", .throwawayPostgres) struct ReadOnlyEditTests {
    @Test(arguments: StoreBackend.allCases) func everyEditIsRefusedBeforeItIsStored(_ backend: StoreBackend) async throws {
        try await withSandboxAccounts(backend) { env in
            let store = try await env.openStore()
            // OMICall keeps notes itself (outbox, then its API); CareSoft's are kept in the store.
            for provider in [ProviderKind.omicall, .caresoft] {
                let call = try #require(try await env.cached(provider, store: store).allCalls(env.recent).first)
                let readOnly = CachedCallProvider(try env.client(provider), store: store, readOnly: true)
                let refusal = CallScopeError.readOnly(account: readOnly.account.name)
                await #expect(throws: refusal) { try await readOnly.annotate(id: call.id, note: "Gọi lại lúc 15h", tags: ["vip"]) }
                await #expect(throws: refusal) { try await readOnly.queue(id: call.id, note: "Gọi lại lúc 15h", tags: ["vip"]) }
                let stored = try #require(try await store.call(account: readOnly.account.name, id: call.id))
                #expect(stored.note == call.note && stored.tags == call.tags, "\(provider)")
                #expect(try await store.annotationState(account: readOnly.account.name, id: call.id) == .synced, "\(provider)")
                if provider == .omicall { #expect(env.sandbox.omicallChangeRequests(id: call.id) == 0) }
            }
            #expect(try await store.pendingEdits().isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases) func aPendingEditStaysPendingUntilAWritableSyncSendsIt(_ backend: StoreBackend) async throws {
        try await withSandboxAccounts(backend) { env in
            let store = try await env.openStore()
            let id = try #require(try await env.cached(.omicall, store: store).allCalls(env.recent).first).id
            _ = try await store.enqueueEdit(account: "omi", id: id, note: "Đã gọi lại", tags: ["xong"])
            let readOnly = EditSender(store: store, readOnly: true)
            await #expect(throws: CallScopeError.readOnly(account: "omi")) { try await readOnly.sync(via: try env.client(.omicall)) }
            // An edit handed over already claimed is refused and let go, not left held.
            let claimed = try #require(try await store.claimPendingEdits(account: "omi").first)
            await #expect(throws: CallScopeError.readOnly(account: "omi")) { try await readOnly.deliver(claimed, via: try env.client(.omicall)) }
            #expect(try await store.annotationState(account: "omi", id: id) == .pending)
            #expect(env.sandbox.omicallChangeRequests(id: id) == 0)

            let sent = try await EditSender(store: store, readOnly: false).sync(via: try env.client(.omicall))
            #expect(sent.sent.map(\.callID) == [id] && sent.skipped == 0)
            #expect(env.sandbox.omicallChangeRequests(id: id) == 1)
        }
    }
}
