/// How often and how long to retry a transient failure: exponential backoff with full jitter, bounded both
/// by attempts and by total elapsed time so a cron run fails in predictable time instead of hanging.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in total, including the first; 1 means "never retry".
    public var maxAttempts: Int
    /// The backoff ceiling before the first retry; it doubles after each further failure.
    public var initialDelay: Duration
    /// The largest backoff ceiling.
    public var maxDelay: Duration
    /// No retry starts once this much time has passed since the first attempt.
    public var maxTotalTime: Duration

    /// Defaults ride out a node restart or a busy work queue: 8 attempts, 0.25 s doubling to 10 s, 2 minutes.
    public init(
        maxAttempts: Int = 8,
        initialDelay: Duration = .milliseconds(250),
        maxDelay: Duration = .seconds(10),
        maxTotalTime: Duration = .seconds(120)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.maxTotalTime = maxTotalTime
    }

    /// How a run reconnects to a database that dropped its session: a server restart takes seconds to a
    /// minute, so 12 attempts, 1 s doubling to 15 s, for up to 2 minutes.
    public static let reconnecting = RetryPolicy(
        maxAttempts: 12, initialDelay: .seconds(1), maxDelay: .seconds(15), maxTotalTime: .seconds(120))

    /// A policy that tries once: for tests and for callers that handle failure themselves.
    public static let never = RetryPolicy(maxAttempts: 1)

    /// The backoff ceiling after `failedAttempts` failures (1 = after the first failure).
    public func ceiling(afterFailures failedAttempts: Int) -> Duration {
        let doublings = min(max(0, failedAttempts - 1), 30)
        let grown = initialDelay * (1 << doublings)
        return min(grown, maxDelay)
    }

    /// A random delay in `0...ceiling` ("full jitter"), so many workers that failed together do not
    /// hammer the node again in lockstep.
    public func delay(afterFailures failedAttempts: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let ceilingNanoseconds = ceiling(afterFailures: failedAttempts).wholeNanoseconds
        guard ceilingNanoseconds > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...ceilingNanoseconds, using: &generator))
    }
}

extension Duration {
    /// The duration in nanoseconds, saturating at `Int64.max`.
    var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product + attoseconds / 1_000_000_000
    }
}
