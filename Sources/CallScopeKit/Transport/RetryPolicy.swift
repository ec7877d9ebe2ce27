import Foundation

/// Exponential backoff with full jitter, for 429, 5xx, dropped connections and unreadable answers.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// The longest `Retry-After` honoured; a longer one fails the request rather than hang it.
    public var maxRetryAfter: Duration

    public init(maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(8),
                maxRetryAfter: Duration = .seconds(60)) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    public static let standard = RetryPolicy()

    /// The wait a `Retry-After` header asks for, at most `maxRetryAfter`; one that is not a
    /// finite number of seconds (an HTTP date, `1e400`, words) is that longest wait. nil without
    /// the header.
    func retryAfter(_ header: String?) -> Duration? {
        guard let header else { return nil }
        guard let seconds = Double(header.trimmingCharacters(in: .whitespaces)) else { return maxRetryAfter }
        return .seconds(clamping: seconds, to: maxRetryAfter)
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1), or the server's `Retry-After`.
    func delay(afterAttempt attempt: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(retryAfter, maxRetryAfter) }
        let ceiling = min(maxDelay, baseDelay * Int(1 << min(attempt - 1, 16)))
        return ceiling * Double.random(in: 0.0...1.0)
    }
}
