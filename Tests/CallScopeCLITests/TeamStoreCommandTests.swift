import CallScopeKit
import CallScopeSandbox
import CallScopeTestSupport
import Foundation
import PostgresTestSupport
import Testing

/// The built binary with `[store]`: two "machines" (two data folders) share one history.
@Suite("The CLI on a team store (PostgreSQL)", .throwawayPostgres)
struct TeamStoreCommandTests {
    static let passwordVariable = "CALLSCOPE_TEST_DB_PASSWORD"

    /// The sandbox's config with `[store]` on a new database of the suite's server.
    func withTeamCLI(_ body: (_ first: CLI, _ second: CLI, _ password: [String: String]) async throws -> Void) async throws {
        let server = try ThrowawayPostgres.server
        let url = server.url(database: try await server.createDatabase())
        let table = "[store]\nurl = \"\(url)\"\npassword_env = \"\(Self.passwordVariable)\"\n\n"
        try await withCLI(configText: { table + $0 }) { cli, _ in
            // Another machine: its own data folder (tokens), the same config.
            let other = CLI(folder: cli.folder.appendingPathComponent("other"), configFile: cli.configFile, endpoints: cli.endpoints)
            try await body(cli, other, [Self.passwordVariable: server.password])
        }
    }

    @Test func whatOneMachineFetchesAndWritesTheOtherReadsOffline() async throws {
        try await withTeamCLI { first, second, password in
            let now = RFC3339.string(from: Date())
            let online = try await first.run(["calls", "--account", "cs", "--from", "-3d", "--to", now], environment: password)
            #expect(online.status == 0, "\(online.stderr)")
            let offline = try await second.run(["calls", "--account", "cs", "--from", "-3d", "--to", now, "--offline"], environment: password)
            #expect(offline.status == 0 && !online.stdout.isEmpty && offline.stdout == online.stdout)
            #expect(!FileManager.default.fileExists(atPath: first.folder.appendingPathComponent("data/store.sqlite").path))

            let id = try NDJSONRecordReader.records(from: online.stdout)[0].id
            let written = try await first.run(["annotate", "--account", "cs", id, "--note", "Gọi lại lúc 9h", "--tag", "hẹn"], environment: password)
            #expect(written.status == 0, "\(written.stderr)")
            let read = try JSONParser.parse(try await second.run(["call", "--account", "cs", id, "--offline"], environment: password).stdout)
            #expect(read["note"]?.stringValue == "Gọi lại lúc 9h" && read["tags"]?.arrayValue == [.string("hẹn")])
        }
    }

    @Test func aBadURLExitsTwoAndAnUnreachableDatabaseOneNamingTheStore() async throws {
        let bad = try await withCLI(configText: { "[store]\nurl = \"postgresql://nobody@h/d?sslmode=sometimes\"\n\n" + $0 }) { cli, _ in
            try await cli.run(["calls", "--account", "cs", "--from", "-1d"])
        }
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("key \"store.url\": bad URL"), "\(bad.stderr)")

        let server = try ThrowawayPostgres.server
        let url = "postgresql://\(server.superuser)@127.0.0.2:\(server.port)/none?sslmode=disable&connect_timeout=2"
        let down = try await withCLI(configText: { "[store]\nurl = \"\(url)\"\n\n" + $0 }) { cli, _ in
            try await cli.run(["calls", "--account", "cs", "--from", "-1d"])
        }
        #expect(down.status == 1)
        #expect(down.stderr.contains("callscope: [store] \(url): cannot reach the database"), "\(down.stderr)")

        let wrong = try await withCLI(configText: { "[store]\nurl = \"\(server.url(database: "postgres"))\"\npassword_env = \"P\"\n\n" + $0 }) { cli, _ in
            try await cli.run(["calls", "--account", "cs", "--from", "-1d"], environment: ["P": "not-the-password"])
        }
        #expect(wrong.status == 1 && wrong.stderr.contains("password authentication failed") && !wrong.stderr.contains("not-the-password"))
    }
}
