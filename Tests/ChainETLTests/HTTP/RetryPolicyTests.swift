import ChainETL
import Logging
import Testing

@Suite("RetryPolicy and retrying")
struct RetryPolicyTests {
    private struct Flaky: ChainETLError {
        var isTransient: Bool
        var exitStatus: ChainETL.ExitStatus { .failure }
        var description: String { "flaky (\(isTransient))" }
    }

    private let fast = RetryPolicy(maxAttempts: 4, initialDelay: .milliseconds(1), maxDelay: .milliseconds(4))
    private let logger = Logger(label: "test")

    @Test func ceilingsDoubleUpToTheMaximum() {
        let policy = RetryPolicy(initialDelay: .milliseconds(100), maxDelay: .seconds(1))
        #expect(policy.ceiling(afterFailures: 1) == .milliseconds(100))
        #expect(policy.ceiling(afterFailures: 2) == .milliseconds(200))
        #expect(policy.ceiling(afterFailures: 4) == .milliseconds(800))
        #expect(policy.ceiling(afterFailures: 5) == .seconds(1))
        #expect(policy.ceiling(afterFailures: 500) == .seconds(1))
    }

    @Test func jitteredDelaysStayWithinTheCeiling() {
        let policy = RetryPolicy(initialDelay: .milliseconds(100), maxDelay: .seconds(1))
        var generator = SystemRandomNumberGenerator()
        for failures in 1...10 {
            let delay = policy.delay(afterFailures: failures, using: &generator)
            #expect(delay >= .zero && delay <= policy.ceiling(afterFailures: failures))
        }
    }

    @Test func retriesTransientErrorsUntilSuccess() throws {
        var attempts = 0
        let value = try retrying(fast, logger: logger, "test call") {
            attempts += 1
            if attempts < 3 { throw Flaky(isTransient: true) }
            return 42
        }
        #expect(value == 42)
        #expect(attempts == 3)
    }

    @Test func stopsAtOnceOnPermanentErrors() {
        var attempts = 0
        #expect(throws: Flaky.self) {
            try retrying(fast, logger: logger, "test call") { () throws -> Int in
                attempts += 1
                throw Flaky(isTransient: false)
            }
        }
        #expect(attempts == 1)
    }

    @Test func givesUpAfterMaxAttempts() {
        var attempts = 0
        #expect(throws: Flaky.self) {
            try retrying(fast, logger: logger, "test call") { () throws -> Int in
                attempts += 1
                throw Flaky(isTransient: true)
            }
        }
        #expect(attempts == 4)
    }

    @Test func givesUpWhenTheTimeBudgetIsSpent() {
        let policy = RetryPolicy(maxAttempts: 1000, initialDelay: .milliseconds(20), maxDelay: .milliseconds(20),
                                 maxTotalTime: .milliseconds(100))
        var attempts = 0
        let start = ContinuousClock.now
        #expect(throws: Flaky.self) {
            try retrying(policy, logger: logger, "test call") { () throws -> Int in
                attempts += 1
                throw Flaky(isTransient: true)
            }
        }
        #expect(attempts > 1 && attempts < 1000)
        #expect(ContinuousClock.now - start < .seconds(1))
    }
}
