/// How often and how patiently a transaction is rerun after a serialization failure or deadlock: a bounded
/// number of attempts with exponential backoff and jitter, so two conflicting runs do not collide again in
/// lock-step. Pure: the delays are computed, not slept, here.
public struct TransactionRetryPolicy: Sendable {
    /// Total attempts, the first included.
    public var maxAttempts: Int
    /// Delay before the second attempt, in seconds; doubles each time.
    public var baseDelay: Double
    /// Upper bound of any single delay, in seconds.
    public var maxDelay: Double

    /// A policy; `maxAttempts` is at least 1.
    public init(maxAttempts: Int = 5, baseDelay: Double = 0.05, maxDelay: Double = 2) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Five attempts, 50 ms doubling up to 2 s.
    public static let `default` = TransactionRetryPolicy()

    /// Seconds to wait after failed attempt number `attempt` (1-based): full backoff scaled by a random
    /// factor in [0.5, 1].
    public func delay(afterAttempt attempt: Int) -> Double {
        let exponential = baseDelay * Double(1 << min(max(attempt - 1, 0), 20))
        return min(maxDelay, exponential) * Double.random(in: 0.5...1)
    }
}
