import CallScopeKit
import CallScopeStore
import Foundation
import Synchronization
import TerminalTestSupport
import Testing
@testable import CallScopeSandbox

/// `kill -9` of the built binary in the middle of its work: afterwards the store opens, nothing it
/// acknowledged or marked synced is missing, and the next run finishes the job.
@Suite("kill -9 (the built binary)") struct CrashSafetyTests {
    @Test func aReceiverKilledUnderLoadLosesNoAcknowledgedPush() async throws {
        try await withCLI(calls: 1200) { cli, sandbox in
            let pushes = try sandbox.icsocPushes(count: 500, encrypt: false) + sandbox.icsocPushes(count: 500, encrypt: true, offset: 500)
            let receiver = LongRunning(CLI.binary, ["receive", "--account", "ic", "--listen", "127.0.0.1:0"], environment: cli.environment)
            let url = try #require(try await receiver.firstLine().split(separator: " ").last.map(String.init))
            // senders as the bench's: 16 at once, one attempt per push, every acknowledged call kept
            let senders = Senders(pushes)
            let emitter = ICSOCPushEmitter(clockScale: 0.001, timeout: .seconds(3))
            let sending = Task { await senders.send(16, with: emitter, to: url) }
            // killed once 200 are acknowledged: the others in flight, in a commit, or not sent yet
            for _ in 0..<10_000 where senders.acknowledged.withLock({ $0.count }) < 200 { try await Task.sleep(for: .milliseconds(2)) }
            let killed = await receiver.kill9()
            // no more sends (ICSOC sends again later); those in flight fail once their time is up
            senders.queue.withLock { $0 = [] }
            await sending.value
            #expect(killed.bySignal && killed.status == SIGKILL)

            let store = try CallStore(dataDirectory: cli.folder.appendingPathComponent("data"))
            let acked = senders.acknowledged.withLock { $0 }
            var lost: [String] = []
            for id in acked where try await store.call(account: "ic", id: id) == nil { lost.append(id) }
            let stored = try await store.count(StoreQuery(account: "ic", includeRaw: false))
            print("receive, kill -9 under load: pushes sent \(senders.sent.withLock { $0 }), acknowledged \(acked.count), stored after the kill \(stored), lost \(lost.count)")
            #expect(acked.count >= 200 && acked.count < pushes.count)
            #expect(lost == [])
            #expect(stored >= acked.count)

            // the next run takes the rest (ICSOC sends again what was not acknowledged)
            let again = LongRunning(CLI.binary, ["receive", "--account", "ic", "--listen", "127.0.0.1:0"], environment: cli.environment)
            let next = try #require(try await again.firstLine().split(separator: " ").last.map(String.init))
            let ackedSet = Set(acked)
            let rest = Senders(pushes.filter { !ackedSet.contains($0.callID) })
            await rest.send(16, with: emitter, to: next)
            #expect(rest.acknowledged.withLock { $0.count } == pushes.count - acked.count)
            #expect(await again.terminate() == 0, "\(again.stderr)")
            #expect(try await store.count(StoreQuery(account: "ic", includeRaw: false)) == Set(pushes.map(\.callID)).count)
        }
    }

    @Test func aSyncKilledMidwayMarksNothingItLacksAndTheNextRunCompletesTheRange() async throws {
        // OMICall's 3-day windows, pages of 10, each page 20 ms late: a sync of 20 days takes a while
        try await withCLI(calls: 6000, { $0.faults = try! .parse("latency=20ms,only=/omicall/api/call_transaction/list") },
                          configText: { $0.replacingOccurrences(of: "name = \"omi\"", with: "name = \"omi\"\npage_size = 10") }) { cli, sandbox in
            let to = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 7200).rounded(.down))
            let from = to.addingTimeInterval(-20 * 86_400)
            let arguments = ["sync", "--account", "omi", "--from", RFC3339.string(from: from), "--to", RFC3339.string(from: to)]
            let expected = Self.sandboxCallIDs(sandbox, from: from, to: to)
            let data = cli.folder.appendingPathComponent("data")

            let sync = LongRunning(CLI.binary, arguments, environment: cli.environment)
            // killed once a window is marked synced and before the sync ends
            var spans: [SyncSpan] = []
            for _ in 0..<6000 where spans.isEmpty && sync.isRunning {
                try await Task.sleep(for: .milliseconds(5))
                if FileManager.default.fileExists(atPath: data.appendingPathComponent(CallStore.fileName).path) {
                    spans = (try? await CallStore(dataDirectory: data).syncedSpans(account: "omi")) ?? []
                }
            }
            let killed = await sync.kill9()
            #expect(killed.bySignal, "the sync ended before the kill: \(sync.stderr)")

            let store = try CallStore(dataDirectory: data)
            spans = try await store.syncedSpans(account: "omi")
            let storedAfterKill = try await Self.storedIDs(store, from: from, to: to)
            #expect(!spans.isEmpty && storedAfterKill.count < expected.count, "\(spans.count) spans, \(storedAfterKill.count) of \(expected.count)")
            // every span marked synced holds every call the sandbox has in it
            for span in spans {
                let inSpan = Self.sandboxCallIDs(sandbox, from: span.from, to: span.to)
                #expect(try await Self.storedIDs(store, from: span.from, to: span.to) == inSpan, "span \(span.from)…\(span.to)")
            }
            print("sync, kill -9 midway: \(spans.count) spans marked, \(storedAfterKill.count) of \(expected.count) calls stored at the kill")

            let next = try await cli.run(arguments)
            #expect(next.status == 0, "\(next.stderr)")
            #expect(try await Self.storedIDs(store, from: from, to: to) == expected)
        }
    }

    /// The ids of the sandbox's OMICall calls that start within `from...to`.
    static func sandboxCallIDs(_ sandbox: Sandbox, from: Date, to: Date) -> Set<String> {
        let simulator = sandbox.omicall
        let range = simulator.stream.indices(startingFrom: Int64(from.timeIntervalSince1970.rounded(.up)), to: Int64(to.timeIntervalSince1970))
        return Set(range.map { simulator.transactionID(simulator.stream.call($0)) })
    }

    static func storedIDs(_ store: CallStore, from: Date, to: Date) async throws -> Set<String> {
        var ids = Set<String>()
        for try await page in store.pages(StoreQuery(account: "omi", from: from, to: to, includeRaw: false), limit: nil) {
            ids.formUnion(page.records.map(\.id))
        }
        return ids
    }
}

/// Senders like the bench's: each takes the next push and makes one attempt; what was sent and
/// which calls were acknowledged is kept.
final class Senders: Sendable {
    let queue: Mutex<ArraySlice<ICSOCPush>>
    let sent = Mutex(0)
    let acknowledged = Mutex<[String]>([])

    init(_ pushes: [ICSOCPush]) { queue = Mutex(pushes[...]) }

    func send(_ count: Int, with emitter: ICSOCPushEmitter, to url: String) async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<count {
                group.addTask {
                    while let push = self.queue.withLock({ $0.popFirst() }) {
                        self.sent.withLock { $0 += 1 }
                        if await emitter.attemptOnce(push, to: url) == nil { self.acknowledged.withLock { $0.append(push.callID) } }
                    }
                }
            }
        }
    }
}
