import CallScopeKit
import CallScopeStore
import Foundation
import Synchronization
import Testing
@testable import CallScopeReceiver
@testable import CallScopeSandbox

/// The receiver over real HTTP, fed by the sandbox's push emitter (the sender of ICSOC's retries).
@Suite("push receiver over HTTP") struct ReceiverHTTPTests {
    @Test func plainAndEncryptedPushesAreStoredOnce() async throws {
        let bench = try ReceiverBench()
        let running = try await bench.receiver().start()
        let plain = try bench.pushes(30, encrypt: false)
        let encrypted = try bench.pushes(30, encrypt: true, offset: 30)
        let emitter = ICSOCPushEmitter(clockScale: 0.001, timeout: .seconds(60))
        for push in plain + encrypted {
            let delivery = await emitter.deliver(push, to: running.url + "cdr/push")
            #expect(delivery.delivered && delivery.attempts == 1, "\(delivery.failures)")
        }
        #expect(try await bench.storedCount() == 60)
        for push in [plain[0], encrypted[0], encrypted[29]] {
            let call = try #require(try await bench.stored(push.callID))
            #expect(call.provider == .icsoc && call.account == account && call.startedAt != nil)
            #expect(call.raw["call_id"]?.stringValue == push.callID)
        }
        // the same call, plain or encrypted, is the same record
        let twin = try bench.pushes(1, encrypt: true)[0]
        #expect(await emitter.attemptOnce(twin, to: running.url) == nil)
        #expect(try await bench.storedCount() == 60)
        await running.stop()
        #expect(bench.logs.withLock { $0.isEmpty })
    }

    @Test func repeatsReorderedFromConcurrentSendersAreStoredOnce() async throws {
        let bench = try ReceiverBench()
        let running = try await bench.receiver().start()
        let pushes = try bench.pushes(120, encrypt: false) + bench.pushes(80, encrypt: true, offset: 120)
        // every push three times, shuffled, from 16 senders at once
        let queue = Locked((pushes + pushes + pushes).shuffled())
        let failures = Locked<[String]>([])
        // A generous client limit: 16 senders on a busy machine wait for durable commits (a slow
        // answer is no refusal; what counts is that none is lost or stored twice).
        let emitter = ICSOCPushEmitter(clockScale: 0.001, timeout: .seconds(60))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    while let push = queue.withLock({ $0.popLast() }) {
                        if let failure = await emitter.attemptOnce(push, to: running.url) { failures.withLock { $0.append(failure) } }
                    }
                }
            }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(try await bench.storedCount() == 200)
        for push in pushes.prefix(10) { #expect(try await bench.stored(push.callID) != nil) }
        await running.stop()
    }

    @Test func forgedTruncatedAndOversizedBodiesStoreNothing() async throws {
        let bench = try ReceiverBench()
        let running = try await bench.receiver().start()
        let push = try bench.pushes(1, encrypt: false)[0]
        let encrypted = try bench.pushes(1, encrypt: true, offset: 1)[0]
        let sign = try #require(try JSONParser.parse(push.body)["sign"]?.stringValue)
        let forgedSign = String(sign.dropLast()) + (sign.hasSuffix("0") ? "1" : "0")
        let bodies: [(String, [UInt8], Int)] = [
            ("forged sign", Array(push.body.replacingOccurrences(of: sign, with: forgedSign).utf8), 401),
            ("tampered data", Array(push.body.replacingOccurrences(of: #""call_vars":"trans_que=660"#, with: #""call_vars":"trans_que=661"#).utf8), 401),
            ("tampered cipher", Array(tamperCipher(encrypted.body).utf8), 401),
            ("truncated", Array(push.body.utf8.prefix(push.body.utf8.count / 2)), 400),
            ("truncated by one", Array(push.body.utf8.dropLast()), 400),
            ("empty", [], 400),
            ("no sign", Array(push.body.replacingOccurrences(of: #","sign":"\#(sign)""#, with: "").utf8), 400),
            ("oversized", Array((#"{"pad":""# + String(repeating: "x", count: 1 << 20) + #"","# + push.body.dropFirst()).utf8), 413),
        ]
        #expect(bodies[1].1 != Array(push.body.utf8) && bodies[6].1 != Array(push.body.utf8))
        for (name, body, status) in bodies {
            let answer = try await post(body, to: running.url)
            #expect(answer.status == status, "\(name): \(answer.text)")
            #expect(code(answer.text).map { $0 != 0 } == true, "\(name): \(answer.text)")
            #expect(try JSONParser.parse(answer.text)["message"]?.stringValue?.isEmpty == false, "\(name)")
        }
        #expect(try await post([], to: running.url, method: .GET).status == 405)
        #expect(try await bench.storedCount() == 0)
        let lines = bench.logs.withLock { $0 }
        #expect(lines.count == bodies.count + 1)
        #expect(lines.allSatisfy { !$0.contains(pushSecret) && !$0.contains("\n") && $0.contains("refused") })
        // the genuine push still goes through afterwards
        let genuine = try await post(push.body, to: running.url)
        #expect(genuine.status == 200 && genuine.text == #"{"code":0}"#)
        #expect(try await bench.storedCount() == 1)
        await running.stop()
    }

    @Test func emitterRetriesUntilTheReceiverIsUp() async throws {
        let bench = try ReceiverBench()
        // a port of the kernel's, where at first every connection is closed unanswered
        let listener = try ClosingListener()
        let port = listener.port
        let pushes = try bench.pushes(5, encrypt: true)
        // waits of 15, 15, 30, 180 s scaled to 150, 150, 300, 1800 ms
        let emitter = ICSOCPushEmitter(clockScale: 0.01, timeout: .seconds(2))
        async let deliveries = withTaskGroup(of: ICSOCPushEmitter.Delivery.self) { group in
            for push in pushes { group.addTask { await emitter.deliver(push, to: "http://127.0.0.1:\(port)/") } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        // once every push has failed at least once, the receiver takes the port
        for _ in 0..<3000 where listener.connections < pushes.count { try await Task.sleep(for: .milliseconds(10)) }
        listener.close()
        #expect(listener.connections >= pushes.count)
        let running = try await bench.start(port: port)
        let done = await deliveries
        #expect(done.count == 5 && done.allSatisfy { $0.delivered && $0.attempts > 1 }, "\(done.map(\.attempts))")
        #expect(try await bench.storedCount() == 5)
        await running.stop()
    }

    @Test func receiverRestartedInTheMiddleOfTheRetrySchedule() async throws {
        let bench = try ReceiverBench()
        // first a receiver with the wrong secret (refusing every push), then restarts with the right one
        let wrong = try await bench.start(secret: "an-old-secret")   // on a port of the kernel's
        let port = wrong.port
        let pushes = try bench.pushes(20, encrypt: false) + bench.pushes(20, encrypt: true, offset: 20)
        let emitter = ICSOCPushEmitter(clockScale: 0.01, timeout: .seconds(2))
        async let deliveries = withTaskGroup(of: ICSOCPushEmitter.Delivery.self) { group in
            for push in pushes { group.addTask { await emitter.deliver(push, to: "http://127.0.0.1:\(port)/hook") } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        // every push refused at least once (its first attempt), then the restart
        for _ in 0..<200 where bench.logs.withLock({ $0.count }) < 40 { try await Task.sleep(for: .milliseconds(50)) }
        await wrong.stop()
        #expect(try await bench.storedCount() == 0)
        let refusals = bench.logs.withLock { $0.count }
        #expect(refusals >= 40)
        let right = try await bench.start(port: port)
        let done = await deliveries
        #expect(done.allSatisfy { $0.delivered && $0.attempts >= 2 }, "\(done.map(\.attempts))")
        #expect(try await bench.storedCount() == 40)
        for push in pushes { #expect(try await bench.stored(push.callID) != nil) }
        await right.stop()
    }

    @Test func everyAcknowledgedPushIsStoredWhenStoppedUnderLoad() async throws {
        let bench = try ReceiverBench()
        let running = try await bench.receiver().start()
        let pushes = try bench.pushes(150, encrypt: false)
        let acknowledged = Locked<[String]>([])
        let answered = Locked(0)
        // a generous time limit: a busy machine's wait for a pooled connection is no refusal
        let emitter = ICSOCPushEmitter(clockScale: 0.001, timeout: .seconds(60))
        await withTaskGroup(of: Void.self) { group in
            for push in pushes {
                group.addTask {
                    if await emitter.attemptOnce(push, to: running.url) == nil { acknowledged.withLock { $0.append(push.callID) } }
                    answered.withLock { $0 += 1 }
                }
            }
            // stopped under load: once 20 are acknowledged, with the others in flight or not sent yet
            while acknowledged.withLock({ $0.count }) < 20, answered.withLock({ $0 }) < pushes.count {
                try? await Task.sleep(for: .milliseconds(1))
            }
            await running.stop()
            group.cancelAll()   // those still waiting for the stopped receiver
        }
        let acked = acknowledged.withLock { $0 }
        #expect(acked.count >= 20)
        for id in acked { #expect(try await bench.stored(id) != nil, "acknowledged \(id) but not stored") }
        // a fresh store handle (another process's view) sees them too
        let reopened = try CallStore(dataDirectory: bench.folder)
        #expect(try await reopened.count(StoreQuery(account: account, includeRaw: false)) >= acked.count)
    }
}
/// The encrypted `data` with one base64 character changed (the sign left as it was).
private func tamperCipher(_ body: String) -> String {
    guard let range = body.range(of: #""data":""#) else { return body }
    var characters = Array(body)
    let index = body.distance(from: body.startIndex, to: range.upperBound) + 5
    characters[index] = characters[index] == "A" ? "B" : "A"
    return String(characters)
}
