import CallScopeKit
import CallScopeSandbox
import Foundation
import PostgresTestSupport
import TerminalTestSupport
import Testing

/// An open TUI on a team store, with `callscope receive` on another "machine" (its own data
/// folder): pushed calls appear without a refresh (LISTEN/NOTIFY), also after the database
/// restarted under both. A server of the suite's own, since the test restarts it.
@Suite("The TUI on a team store (tmux)", .throwawayPostgres)
struct TeamStoreTUITests {
    @Test func aCallPushedToAnotherMachineAppearsAndADatabaseRestartIsSurvived() async throws {
        let server = try ThrowawayPostgres.server
        let url = server.url(database: try await server.createDatabase())
        let table = "[store]\nurl = \"\(url)\"\npassword_env = \"CALLSCOPE_TEST_DB_PASSWORD\"\n\n"
        try await withCLI({ $0.faults = try! .parse("error=1,only=/icsoc/api/v1/cdr/search") }, configText: { table + $0 }) { cli, sandbox in
            let password = ["CALLSCOPE_TEST_DB_PASSWORD": server.password]
            let receiving = CLI(folder: cli.folder.appendingPathComponent("receiver"), configFile: cli.configFile, endpoints: cli.endpoints)
            let tmux = try await Tmux.start("\(CLI.binary.path) --account ic; sleep 600", environment: cli.environment.merging(password) { $1 })
            do {
                try await tmux.startSession("r", "\(CLI.binary.path) receive --account ic --listen 127.0.0.1:0; sleep 600",
                                        environment: receiving.environment.merging(password) { $1 })
                try await tmux.waitFor("the empty list") { $0.contains("ic (icsoc)") && $0.contains("no calls") }
                let url = try await LiveCallsEndToEndTests().receiverURL { try await tmux.screen(of: "r") }
                let pushes = try sandbox.icsocPushes(count: 5, encrypt: true)
                let emitter = ICSOCPushEmitter(clockScale: 0.001)
                for push in pushes.prefix(2) {
                    #expect(await emitter.deliver(push, to: url + "icsoc/cdr").delivered)
                }
                try await tmux.waitFor("2 pushed calls listed") { $0.callRows.count == 2 }

                try await server.restart()
                try await tmux.waitFor("the store back in the status line") { $0.contains("the store is back") }
                for push in pushes.suffix(3) {
                    let delivery = await emitter.deliver(push, to: url + "icsoc/cdr")
                    #expect(delivery.delivered, "\(delivery.lastFailure ?? "")")
                }
                try await tmux.waitFor("5 pushed calls listed") { $0.callRows.count == 5 }
            } catch {
                await tmux.kill()
                throw error
            }
            await tmux.kill()
        }
    }
}
