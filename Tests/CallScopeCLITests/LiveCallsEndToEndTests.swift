import CallScopeKit
import CallScopeSandbox
import Foundation
import Testing

/// ICSOC pushes reaching an open TUI: through `tui --receive`, or through `callscope receive`
/// running beside it on the same store. ICSOC's search fails in these tests, so every call on
/// screen came through the receiver.
@Suite("Pushed calls appear in the TUI (tmux)") struct LiveCallsEndToEndTests {
    static func freePort() -> Int { 20_000 + Int.random(in: 0..<20_000) }

    func deliver(_ sandbox: Sandbox, count: Int, to port: Int) async throws -> ContinuousClock.Instant {
        let emitter = ICSOCPushEmitter(clockScale: 0.001)
        for push in try sandbox.icsocPushes(count: count, encrypt: true) {
            let delivery = await emitter.deliver(push, to: "http://127.0.0.1:\(port)/icsoc/cdr")
            #expect(delivery.delivered, "\(delivery.lastFailure ?? "")")
        }
        return .now
    }

    func expectRows(_ tmux: Tmux, count: Int, after delivered: ContinuousClock.Instant) async throws {
        try await tmux.waitFor("\(count) pushed calls listed", timeout: .seconds(5)) { $0.callRows.count == count }
        // The store is read again every half second: the calls show within a second of arriving.
        #expect(ContinuousClock.now - delivered < .seconds(3))
    }

    @Test func receivedInTheSameProcess() async throws {
        try await withCLI({ $0.faults = try! .parse("error=1,only=/icsoc/api/v1/cdr/search") }) { cli, sandbox in
            let port = Self.freePort()
            let tmux = try await Tmux.start("\(CLI.binary.path) --account ic --receive 127.0.0.1:\(port); sleep 600", environment: cli.environment)
            do {
                try await tmux.waitFor("the empty list") { $0.contains("ic (icsoc)") && $0.contains("no calls") }
                let delivered = try await deliver(sandbox, count: 3, to: port)
                try await expectRows(tmux, count: 3, after: delivered)
            } catch {
                await tmux.kill()
                throw error
            }
            await tmux.kill()
        }
    }

    @Test func receivedByAnotherProcessOnTheSameStore() async throws {
        try await withCLI({ $0.faults = try! .parse("error=1,only=/icsoc/api/v1/cdr/search") }) { cli, sandbox in
            let port = Self.freePort()
            let tmux = try await Tmux.start("\(CLI.binary.path) --account ic; sleep 600", environment: cli.environment)
            do {
                await tmux.startSession("r", "\(CLI.binary.path) receive --account ic --listen 127.0.0.1:\(port); sleep 600", environment: cli.environment)
                try await tmux.waitFor("the empty list") { $0.contains("ic (icsoc)") && $0.contains("no calls") }
                let deadline = ContinuousClock.now + .seconds(20)
                while try await !tmux.screen(of: "r").contains("receiving ICSOC pushes"), ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                let delivered = try await deliver(sandbox, count: 4, to: port)
                try await expectRows(tmux, count: 4, after: delivered)
            } catch {
                await tmux.kill()
                throw error
            }
            await tmux.kill()
        }
    }
}
