import CallScopeKit
import Foundation
import TerminalTestSupport
import Testing
@testable import PostgresTestSupport

@Suite(.throwawayPostgres)
struct ThrowawayPostgresTests {
    @Test func theServerAnswersAndGivesEachTestADatabase() async throws {
        let server = try ThrowawayPostgres.server
        let first = try await server.createDatabase(), second = try await server.createDatabase()
        #expect(first != second)
        #expect(try await server.psql("SELECT current_database()", database: first).trimmingCharacters(in: .whitespacesAndNewlines) == first)
        #expect(try await server.psql("SHOW server_encoding").contains("UTF8"))
    }

    /// The watchdog of a cluster whose process is gone stops the server and removes its folder.
    @Test func theWatchdogStopsTheServerOnceItsProcessIsGone() async throws {
        let cluster = try await PostgresCluster.make()
        _ = try await cluster.start()
        let pidFile = try String(contentsOf: cluster.data.appendingPathComponent("postmaster.pid"), encoding: .utf8)
        let serverID = try #require(pidFile.split(separator: "\n").first.flatMap { pid_t($0) })
        // A process that has ended (and been reaped): the watchdog finds it gone at once.
        let ended = try await Program.run("/bin/true", []).processID
        try await cluster.watch(parent: ended)
        for _ in 0..<200 where FileManager.default.fileExists(atPath: cluster.folder.path) || kill(serverID, 0) == 0 {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(!FileManager.default.fileExists(atPath: cluster.folder.path))
        #expect(kill(serverID, 0) != 0)
    }
}
