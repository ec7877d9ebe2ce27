import Hummingbird
import Synchronization

/// Counts the requests the sandbox received, by path, so tests can tell what a client asked for
/// (e.g. that a range already in the store is not fetched again).
final class RequestLog: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    func record(_ path: String) { counts.withLock { $0[path, default: 0] += 1 } }

    /// Requests whose path contains `fragment`.
    func count(containing fragment: String) -> Int {
        counts.withLock { $0.filter { $0.key.contains(fragment) }.values.reduce(0, +) }
    }
}

struct RequestLogMiddleware: RouterMiddleware {
    let log: RequestLog

    func handle(_ request: Request, context: SandboxContext, next: (Request, SandboxContext) async throws -> Response) async throws -> Response {
        log.record(request.uri.path)
        return try await next(request, context)
    }
}
