public import Logging
import Foundation

/// Runs `operation`, retrying it while it throws a transient `ChainETLError` and `policy` allows, sleeping
/// the jittered backoff in between and logging each retry at `warning` with the error's one-line message.
///
/// Synchronous on purpose: the HTTP and database clients block their thread, so their callers already run on
/// dedicated threads, not on the cooperative pool. Permanent errors and non-`ChainETLError`s are rethrown
/// at once; when the budget is spent, the last error is rethrown.
public func retrying<T>(
    _ policy: RetryPolicy,
    logger: Logger,
    _ what: @autoclosure () -> String,
    operation: () throws -> T
) throws -> T {
    let clock = ContinuousClock()
    let start = clock.now
    var generator = SystemRandomNumberGenerator()
    var failures = 0
    while true {
        do {
            return try operation()
        } catch let error as any ChainETLError where error.isTransient {
            failures += 1
            let delay = policy.delay(afterFailures: failures, using: &generator)
            let elapsed = clock.now - start
            guard failures < policy.maxAttempts, elapsed + delay < policy.maxTotalTime else { throw error }
            logger.warning("\(what()) failed (attempt \(failures) of \(policy.maxAttempts)), retrying in \(delay): \(error)")
            Thread.sleep(forTimeInterval: Double(delay.wholeNanoseconds) / 1e9)
        }
    }
}
