import CallScopeKit
import CallScopePostgres
import CallScopeStore
import Foundation
import PostgresTestSupport
import Testing
@testable import CallScopeReceiver
@testable import CallScopeSandbox

/// Two receivers behind a load balancer, on one team store.
@Suite("push receivers sharing a team store", .throwawayPostgres)
struct TeamReceiversTests {
    @Test func twoReceiversOnOneDatabaseStoreConcurrentRepeatsOnceAndLoseNone() async throws {
        let server = try ThrowawayPostgres.server
        let settings = server.settings(database: try await server.createDatabase())
        let bench = try ReceiverBench()
        let logs = Locked<[String]>([])
        var receivers: [RunningReceiver] = []
        for _ in 0..<2 {
            let store = try await PostgresCallStore(settings: settings)
            let receiver = PushReceiver(settings: .init(account: account, secret: pushSecret, port: 0), store: store,
                                        log: { line in logs.withLock { $0.append(line) } })
            receivers.append(try await receiver.start())
        }
        let pushes = try bench.pushes(150, encrypt: false) + bench.pushes(100, encrypt: true, offset: 150)
        // Every push three times, shuffled, from 16 senders, each push to either receiver.
        let queue = Locked((pushes + pushes + pushes).shuffled())
        let failures = Locked<[String]>([])
        // A generous client limit: 16 senders on a busy machine wait for durable commits (a slow
        // answer is no refusal; what counts is that none is lost or stored twice).
        let emitter = ICSOCPushEmitter(clockScale: 0.001, timeout: .seconds(60))
        let urls = receivers.map(\.url)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    while let push = queue.withLock({ $0.popLast() }) {
                        if let failure = await emitter.attemptOnce(push, to: urls.randomElement()!) { failures.withLock { $0.append(failure) } }
                    }
                }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let reader = try await PostgresCallStore(settings: settings)
        defer { reader.close() }
        #expect(try await reader.count(StoreQuery(account: account, includeRaw: false)) == 250)
        for push in pushes.shuffled().prefix(20) {
            #expect(try await reader.call(account: account, id: push.callID)?.raw["call_id"]?.stringValue == push.callID)
        }
        for receiver in receivers { await receiver.stop() }
        #expect(logs.withLock { $0 } == [])
    }
}
