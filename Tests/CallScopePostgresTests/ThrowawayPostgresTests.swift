import CallScopeKit
import Foundation
import PostgresTestSupport
import Testing

@Suite(.throwawayPostgres)
struct ThrowawayPostgresTests {
    @Test func theServerAnswersAndGivesEachTestADatabase() throws {
        let server = try ThrowawayPostgres.server
        let first = try server.createDatabase(), second = try server.createDatabase()
        #expect(first != second)
        #expect(try server.psql("SELECT current_database()", database: first).trimmingCharacters(in: .whitespacesAndNewlines) == first)
        #expect(try server.psql("SHOW server_encoding").contains("UTF8"))
    }
}
