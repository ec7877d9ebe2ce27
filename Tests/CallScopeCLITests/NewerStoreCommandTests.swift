import CallScopeKit
import Foundation
import Testing
@testable import CallScopeStore

@Suite("A store a newer callscope migrated (the built binary)") struct NewerStoreCommandTests {
    @Test func everyCommandRefusesItWithExit2AndLeavesItAsItIs() async throws {
        try await withCLI { cli, _ in
            let store = try CallStore(dataDirectory: cli.folder.appendingPathComponent("data"))
            try await store.pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from a newer callscope')") }
            try store.pool.close()
            let before = try Data(contentsOf: store.fileURL)
            for arguments in [["calls", "--account", "cs", "--offline"], ["sync", "--account", "cs"], ["call", "--account", "cs", "x", "--offline"]] {
                let run = try await cli.run(arguments)
                #expect(run.status == 2, "\(arguments): \(run.stderr)")
                #expect(run.stderr == "callscope: the store \(store.fileURL.path) was written by a newer callscope: upgrade callscope (the file was not changed)\n",
                        "\(arguments)")
            }
            #expect(try Data(contentsOf: store.fileURL) == before)
        }
    }
}
