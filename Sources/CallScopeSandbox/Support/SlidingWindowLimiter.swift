import Synchronization

/// CareSoft's rate limit as FACTS.md describes it: at most `limit` accepted requests in any
/// sliding window, 429 beyond that, and after more than `lockAfter` refusals in a row a lock-out
/// (404 for every request) for `lockout`.
final class SlidingWindowLimiter: Sendable {
    enum Decision: Equatable {
        case accept
        case refuse
        case locked
    }

    private struct State {
        var accepted: [ContinuousClock.Instant] = []
        var refusalsInARow = 0
        var lockedUntil: ContinuousClock.Instant?
        var refusals = 0
    }

    private let limit: Int
    private let window: Duration
    private let lockAfter: Int
    private let lockout: Duration
    private let state = Mutex(State())

    init(limit: Int, window: Duration = .seconds(1), lockAfter: Int, lockout: Duration) {
        (self.limit, self.window, self.lockAfter, self.lockout) = (limit, window, lockAfter, lockout)
    }

    func decide(now: ContinuousClock.Instant = .now) -> Decision {
        state.withLock { s in
            if let until = s.lockedUntil {
                if now < until { return .locked }
                s.lockedUntil = nil
                s.refusalsInARow = 0
            }
            s.accepted.removeAll { $0 <= now - window }
            if s.accepted.count < limit {
                s.accepted.append(now)
                s.refusalsInARow = 0
                return .accept
            }
            s.refusals += 1
            s.refusalsInARow += 1
            if s.refusalsInARow > lockAfter { s.lockedUntil = now + lockout }
            return .refuse
        }
    }

    /// How many requests were refused with a 429 since the start.
    var refusals: Int { state.withLock { $0.refusals } }
}
