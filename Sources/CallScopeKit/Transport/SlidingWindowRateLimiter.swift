import Foundation

/// At most `limit` requests in any sliding window of `window`, counted when each request is sent.
/// A token bucket with a burst of `limit` would allow up to 2×limit in some window; CareSoft
/// counts a sliding second and locks a domain out after repeated refusals, so the client must
/// never exceed it. A small margin absorbs the network's jitter between sending and arriving.
public actor SlidingWindowRateLimiter {
    private let limit: Int
    private let window: Duration
    private var sent: [ContinuousClock.Instant] = []

    public init(limit: Int, window: Duration = .seconds(1), margin: Duration = .milliseconds(30)) {
        self.limit = max(1, limit)
        self.window = window + margin
    }

    /// `rate` requests a second: whole rates as `rate` per second, slower ones as one per `1/rate` s.
    public init(requestsPerSecond rate: Double) {
        if rate >= 1 {
            self.init(limit: Int(Int64.clamped(rate)))
        } else {
            self.init(limit: 1, window: .milliseconds(Int64(1000 / max(rate, 0.001))))
        }
    }

    /// Waits until one more request fits, and counts it.
    public func acquire() async throws {
        while true {
            let now = ContinuousClock.now
            sent.removeAll { $0 <= now - window }
            if sent.count < limit {
                sent.append(now)
                return
            }
            // No suspension between the check and the append above, so concurrent callers
            // re-check after waking and never overfill the window.
            try await Task.sleep(until: sent[0] + window, clock: .continuous)
        }
    }
}
