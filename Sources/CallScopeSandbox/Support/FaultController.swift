import Hummingbird
import Synchronization

/// Holds the current faults (they can change while the sandbox runs) and rolls the dice for each
/// request with the sandbox's seed, so a fault run is repeatable.
final class FaultController: Sendable {
    enum Outcome {
        case pass
        case serverError(HTTPResponse.Status)
        case throttle
        case malformed, truncate, drop
    }

    private struct State {
        var spec: FaultSpec
        var rng: SeededRandom
        var authorizedRequests = 0
    }

    private let state: Mutex<State>

    init(spec: FaultSpec, seed: UInt64) {
        state = Mutex(State(spec: spec, rng: SeededRandom(seed: seed, stream: 900, item: 0)))
    }

    var spec: FaultSpec {
        get { state.withLock { $0.spec } }
        set { state.withLock { $0.spec = newValue } }
    }

    func plan(for path: String) -> (latency: Duration, outcome: Outcome) {
        state.withLock { s in
            guard s.spec.applies(to: path) else { return (.zero, .pass) }
            let spec = s.spec
            let roll = s.rng.unit()
            var edge = spec.error
            if roll < edge { return (spec.latency, .serverError(s.rng.pick([.internalServerError, .badGateway, .serviceUnavailable]))) }
            edge += spec.throttle
            if roll < edge { return (spec.latency, .throttle) }
            edge += spec.malformed
            if roll < edge { return (spec.latency, .malformed) }
            edge += spec.truncate
            if roll < edge { return (spec.latency, .truncate) }
            edge += spec.drop
            if roll < edge { return (spec.latency, .drop) }
            return (spec.latency, .pass)
        }
    }

    /// Whether a valid token should be treated as expired on this request (`expire=` share or `1/N`).
    func rollExpiry(path: String) -> Bool {
        state.withLock { s in
            guard s.spec.applies(to: path) else { return false }
            if let every = s.spec.expireEvery {
                s.authorizedRequests += 1
                return s.authorizedRequests % every == 0
            }
            return s.spec.expire > 0 && s.rng.chance(s.spec.expire)
        }
    }

    /// Whether a recording request's `Range` header is ignored this time (`norange=`).
    func rollIgnoreRange(path: String) -> Bool {
        state.withLock { s in s.spec.applies(to: path) && s.spec.noRange > 0 && s.rng.chance(s.spec.noRange) }
    }

    /// The pace recordings are sent at (`bandwidth=`), if any.
    func bandwidth(for path: String) -> Int? {
        state.withLock { s in s.spec.applies(to: path) ? s.spec.bandwidth : nil }
    }

    /// The lifetime of a newly issued token: the `expire=` duration when set, else the provider's.
    func tokenLifetime(default lifetime: Duration) -> Duration {
        state.withLock { $0.spec.tokenLifetime } ?? lifetime
    }
}

/// Applies the current faults to every simulator route.
struct FaultMiddleware: RouterMiddleware {
    let faults: FaultController

    func handle(_ request: Request, context: SandboxContext, next: (Request, SandboxContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        let (latency, outcome) = faults.plan(for: path)
        if latency > .zero { try await Task.sleep(for: latency) }
        switch outcome {
        case .pass:
            return try await next(request, context)
        case .serverError(let status):
            return Reply.proxyError(status)
        case .throttle:
            // CareSoft (Laravel) has known words for it; the others get a generic answer.
            let body: JSONOut = path.hasPrefix("/caresoft")
                ? .obj(["code": "errors", "message": "Too Many Attempts."])
                : .obj(["message": "Too Many Requests"])
            return Reply.json(body, status: .tooManyRequests, headers: [.retryAfter: "1"])
        case .malformed:
            return try await BodyFault.$current.withValue(.malformed) { try await next(request, context) }
        case .truncate:
            return try await BodyFault.$current.withValue(.truncate(context.channel)) { try await next(request, context) }
        case .drop:
            return try await BodyFault.$current.withValue(.drop(context.channel)) { try await next(request, context) }
        }
    }
}
