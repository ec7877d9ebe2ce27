import CallScopeKit
import CallScopeSandbox
import CallScopeTestSupport
import Foundation
import TerminalTestSupport
import Testing

/// `callscope receive` as a user runs it: a subprocess on a config, fed by the sandbox's emitter,
/// stopped with SIGTERM; then `calls --offline` lists what it received.
@Suite("callscope receive (the built binary)") struct ReceiveCommandTests {
    @Test func receivesPushesThenCallsOfflineListsThem() async throws {
        try await withCLI { cli, sandbox in
            let receiver = LongRunning(CLI.binary, ["receive", "--account", "ic", "--listen", "127.0.0.1:0"], environment: cli.environment)
            let line = try await receiver.firstLine()
            let url = try #require(line.split(separator: " ").last.map(String.init), "\(line)")
            #expect(url.hasPrefix("http://127.0.0.1:"), "\(line)")
            let pushes = try sandbox.icsocPushes(count: 6, encrypt: false) + sandbox.icsocPushes(count: 6, encrypt: true, offset: 6)
            let emitter = ICSOCPushEmitter(clockScale: 0.001, timeout: .seconds(60))
            for push in pushes + pushes.prefix(3) {
                let delivery = await emitter.deliver(push, to: url + "icsoc")
                #expect(delivery.delivered && delivery.attempts == 1, "\(delivery.failures)")
            }
            // a forged push: refused, logged in one line without the secret
            let forged = pushes[0].body.replacingOccurrences(of: #""sign":""#, with: #""sign":"0"#)
            #expect(await emitter.attemptOnce(ICSOCPushBody.make(forged), to: url) != nil)
            let status = await receiver.terminate()
            #expect(status == 0, "\(receiver.stderr)")
            let stderr = receiver.stderr
            #expect(stderr.split(separator: "\n").count == 1 && stderr.contains("refused") && !stderr.contains("sandbox-push-secret"), "\(stderr)")

            let tomorrow = RFC3339.string(from: Date().addingTimeInterval(86_400))
            let listed = try await cli.run(["calls", "--account", "ic", "--offline", "--from", "2000-01-01", "--to", tomorrow, "--format", "ndjson", "--limit", "1000"])
            #expect(listed.status == 0, "\(listed.stderr)")
            let ids = try NDJSONRecordReader.records(from: listed.stdout).map(\.id)
            #expect(Set(ids) == Set(pushes.map(\.callID)) && ids.count == pushes.count)
        }
    }

    @Test func refusesAnAccountThatCannotReceive() async throws {
        try await withCLI { cli, _ in
            let wrong = try await cli.run(["receive", "--account", "omi", "--listen", "127.0.0.1:0"])
            #expect(wrong.status == 2 && wrong.stderr.contains("not icsoc"), "\(wrong.stderr)")
            let badListen = try await cli.run(["receive", "--account", "ic", "--listen", "nowhere"])
            #expect(badListen.status == 2 && badListen.stderr.contains("HOST:PORT"), "\(badListen.stderr)")
        }
    }
}

/// A raw body sent as a push (the sandbox's push type, built through its public API).
enum ICSOCPushBody {
    static func make(_ body: String) -> ICSOCPush { ICSOCPush(callID: "forged", body: body) }
}
