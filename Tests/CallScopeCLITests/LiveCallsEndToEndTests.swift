import CallScopeKit
import CallScopeSandbox
import Foundation
import TerminalTestSupport
import Testing

/// ICSOC pushes reaching an open TUI: through `tui --receive`, or through `callscope receive`
/// running beside it on the same store. ICSOC's search fails in these tests, so every call on
/// screen came through the receiver.
@Suite("Pushed calls appear in the TUI (tmux)") struct LiveCallsEndToEndTests {
    /// The receiver's address from its "receiving ICSOC pushes for … on URL" line (it listens on
    /// port 0: the kernel picks a free one), polled for in `text` until it shows.
    func receiverURL(_ text: () async throws -> String) async throws -> String {
        for _ in 0..<1000 {
            let line = try await text().split(separator: "\n").first { $0.hasPrefix("receiving ICSOC pushes") }
            if let url = line?.split(separator: " ").last { return String(url) }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the receiver never said where it listens"])
    }

    func deliver(_ sandbox: Sandbox, count: Int, to url: String) async throws {
        let emitter = ICSOCPushEmitter(clockScale: 0.001)
        for push in try sandbox.icsocPushes(count: count, encrypt: true) {
            let delivery = await emitter.deliver(push, to: url + "icsoc/cdr")
            #expect(delivery.delivered, "\(delivery.lastFailure ?? "")")
        }
    }

    func expectRows(_ tmux: Tmux, count: Int) async throws {
        // the store is watched for changes: the calls show without a key pressed
        try await tmux.waitFor("\(count) pushed calls listed") { $0.callRows.count == count }
    }

    @Test func receivedInTheSameProcess() async throws {
        try await withCLI({ $0.faults = try! .parse("error=1,only=/icsoc/api/v1/cdr/search") }) { cli, sandbox in
            let tmux = try await Tmux.start("\(CLI.binary.path) --account ic --receive 127.0.0.1:0; sleep 600", environment: cli.environment)
            do {
                try await tmux.waitFor("the empty list") { $0.contains("ic (icsoc)") && $0.contains("no calls") }
                let log = cli.folder.appendingPathComponent("data/receiver.log")
                let url = try await receiverURL { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
                try await deliver(sandbox, count: 3, to: url)
                try await expectRows(tmux, count: 3)
            } catch {
                await tmux.kill()
                throw error
            }
            await tmux.kill()
        }
    }

    @Test func receivedByAnotherProcessOnTheSameStore() async throws {
        try await withCLI({ $0.faults = try! .parse("error=1,only=/icsoc/api/v1/cdr/search") }) { cli, sandbox in
            let tmux = try await Tmux.start("\(CLI.binary.path) --account ic; sleep 600", environment: cli.environment)
            do {
                try await tmux.startSession("r", "\(CLI.binary.path) receive --account ic --listen 127.0.0.1:0; sleep 600", environment: cli.environment)
                try await tmux.waitFor("the empty list") { $0.contains("ic (icsoc)") && $0.contains("no calls") }
                let url = try await receiverURL { try await tmux.screen(of: "r") }
                try await deliver(sandbox, count: 4, to: url)
                try await expectRows(tmux, count: 4)
            } catch {
                await tmux.kill()
                throw error
            }
            await tmux.kill()
        }
    }
}
