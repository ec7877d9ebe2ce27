import Testing

extension ThrowawayPostgres {
    /// The cluster of the suite being run (`@Suite(.throwawayPostgres)`).
    @TaskLocal public static var current: ThrowawayPostgres?

    /// The suite's cluster; fails the test when it runs outside such a suite.
    public static var server: ThrowawayPostgres {
        get throws {
            guard let current else { throw PostgresMissing(reason: "the suite is not marked .throwawayPostgres") }
            return current
        }
    }
}

/// Starts a throwaway cluster for a whole suite (each test takes a database of its own in it)
/// and stops it when the suite is done, whatever its tests did.
public struct ThrowawayPostgresTrait: SuiteTrait, TestScoping {
    public var isRecursive: Bool { false }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let server = try await ThrowawayPostgres.start()
        do {
            try await ThrowawayPostgres.$current.withValue(server) { try await function() }
        } catch {
            try? await server.stop()
            throw error
        }
        try await server.stop()
    }
}

extension Trait where Self == ThrowawayPostgresTrait {
    /// A PostgreSQL server of the suite's own.
    public static var throwawayPostgres: Self { ThrowawayPostgresTrait() }
}
