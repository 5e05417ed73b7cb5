import Foundation

/// Work on a thread of its own (libpq calls block, so they stay off the cooperative pool), whose result the test
/// waits for.
final class BackgroundThread<Result: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var outcome: Swift.Result<Result, any Error>?

    /// Starts `body` at once.
    init(_ body: @escaping @Sendable () throws -> Result) {
        let thread = Thread { [self] in
            let result = Swift.Result { try body() }
            lock.withLock { outcome = result }
            done.signal()
        }
        thread.start()
    }

    /// Waits for the end and returns what `body` returned, or rethrows what it threw.
    func join(timeout: Duration = .seconds(120)) throws -> Result {
        let seconds = Double(timeout.components.seconds)
        guard done.wait(timeout: .now() + seconds) == .success else {
            throw BackgroundThreadTimeout(seconds: seconds)
        }
        done.signal()
        return try lock.withLock { outcome! }.get()
    }
}

/// The background work did not end in time.
struct BackgroundThreadTimeout: Error, CustomStringConvertible {
    let seconds: Double
    var description: String { "background work did not finish within \(seconds) s" }
}

/// A flag one thread raises and another polls.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    var isRaised: Bool { lock.withLock { raised } }

    func raise() { lock.withLock { raised = true } }
}
