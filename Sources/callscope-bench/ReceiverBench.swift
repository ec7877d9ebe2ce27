import ArgumentParser
import AsyncHTTPClient
import CallScopeKit
import CallScopePostgres
import CallScopeReceiver
import CallScopeSandbox
import CallScopeStore
import Foundation
import Synchronization

/// The push receiver on loopback: N sandbox pushes from concurrent senders, each answered only
/// after its call is committed; reports pushes/s, acknowledgement latency and the store's count.
struct ReceiverLoadBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receiver",
        abstract: "Send --pushes ICSOC pushes from --senders concurrent senders to a receiver on loopback."
    )

    @Option(help: "Pushes to send (each a different call), at most 20000.") var pushes = 5000
    @Option(help: "Concurrent senders.") var senders = 32
    @Option(help: "Encrypt every other push.") var encrypt = true
    @Option(help: "Give up after this many seconds.") var timeLimit = 120.0
    @Option(help: "Receivers on the same store; pushes go round-robin, every tenth also to the next one (a repeat).") var receivers = 1
    @Option(help: "A team store instead of a temporary SQLite one: the postgresql:// URL of an empty database.") var postgres: String?

    func run() async throws {
        let count = min(max(1, pushes), 20_000)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-bench-recv-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Each receiver its own store connection, as separate `callscope receive` processes would have.
        var stores: [any CallStoring] = []
        for _ in 0..<max(1, receivers) {
            if let postgres {
                stores.append(try await PostgresCallStore(settings: PostgresStoreSettings(url: postgres, password: nil)))
            } else {
                stores.append(try CallStore(dataDirectory: folder))
            }
        }
        let store = stores[0]
        var options = SandboxOptions()
        options.callsPerProvider = count
        let sandbox = Sandbox(options: options)
        var all: [ICSOCPush] = []
        for start in stride(from: 0, to: count, by: 500) {
            let n = min(500, count - start)
            all += try sandbox.icsocPushes(count: n, encrypt: encrypt && (start / 500) % 2 == 1, offset: start)
        }
        let refusals = Mutex(0)
        var running: [RunningReceiver] = []
        for store in stores {
            let receiver = PushReceiver(settings: .init(account: "bench", secret: options.credentials.icsocPushSecret, port: 0),
                                        store: store, log: { _ in refusals.withLock { $0 += 1 } })
            running.append(try await receiver.start())
        }
        let urls = running.map(\.url)
        // (push, receiver): round-robin, and every tenth push again to the next receiver.
        let deliveries = all.indices.flatMap { i in
            [(all[i], urls[i % urls.count])] + (i % 10 == 0 && urls.count > 1 ? [(all[i], urls[(i + 1) % urls.count])] : [])
        }
        // one connection per sender (the shared client allows 8 per host)
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(1, senders)
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let emitter = ICSOCPushEmitter(client: client, timeout: .seconds(30))
        let queue = Queue(deliveries[...])
        let results = Results()
        let deadline = ContinuousClock.now + .seconds(timeLimit)
        let started = ContinuousClock.now
        do {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<max(1, senders) {
                    group.addTask {
                        while ContinuousClock.now < deadline, let (push, url) = queue.next() {
                            let sent = ContinuousClock.now
                            let failure = await emitter.attemptOnce(push, to: url)
                            results.add(failure, (ContinuousClock.now - sent).seconds)
                        }
                    }
                }
            }
        }
        let elapsed = (ContinuousClock.now - started).seconds
        for receiver in running { await receiver.stop() }
        try await client.shutdown()
        let acked = results.latencies.withLock { $0 }
        let stored = try await store.count(StoreQuery(account: "bench", includeRaw: false))
        let distinct = Set(all.map(\.callID)).count
        print("receiver: \(deliveries.count) pushes of \(distinct) calls\(encrypt ? ", half encrypted" : ""), \(senders) senders, "
              + "\(urls.count) receiver(s) on \(postgres == nil ? "one SQLite store" : "one PostgreSQL database"), loopback, durable commits")
        print("acknowledged".padding(24) + "\(acked.count) of \(deliveries.count) in \(Measure.format(elapsed, 2)) s: \(Measure.format(Double(acked.count) / elapsed, 0)) pushes/s")
        print("ack latency".padding(24) + "median \(Measure.format(Measure.median(acked) * 1000, 2)) ms, p99 \(Measure.format(Measure.percentile(acked, 0.99) * 1000, 2)) ms, max \(Measure.format((acked.max() ?? 0) * 1000, 2)) ms")
        print("stored".padding(24) + "\(stored) calls (lost: \(max(0, distinct - stored)), duplicated: \(max(0, stored - distinct))), failures \(results.failures.withLock { $0.count }), refusals \(refusals.withLock { $0 })")
        if let first = results.failures.withLock({ $0.first }) { print("first failure".padding(24) + first) }
        if stored != distinct || acked.count != deliveries.count { throw ExitCode(1) }
    }
}

/// The pushes not sent yet and the receiver URL each goes to, shared by the senders.
final class Queue: Sendable {
    private let pushes: Mutex<ArraySlice<(ICSOCPush, String)>>

    init(_ pushes: ArraySlice<(ICSOCPush, String)>) {
        self.pushes = Mutex(pushes)
    }

    func next() -> (ICSOCPush, String)? { pushes.withLock { $0.popFirst() } }
}

/// What the senders saw: acknowledgement latencies (seconds) and failures.
final class Results: Sendable {
    let latencies = Mutex<[Double]>([])
    let failures = Mutex<[String]>([])

    func add(_ failure: String?, _ seconds: Double) {
        if let failure { failures.withLock { $0.append(failure) } } else { latencies.withLock { $0.append(seconds) } }
    }
}
