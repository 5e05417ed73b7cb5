import Foundation

/// Produces a sequence of values on a background thread, one ahead of the consumer: while the caller writes
/// batch `i` to the analytics database, batch `i + 1` is read from the landing zone and parsed. Reading and
/// writing ran one after the other before, each leaving a core idle; overlapped, the run takes about as long as
/// the slower of the two.
///
/// At most two values exist at once (the one the caller holds and the one being made or waiting), so memory
/// stays bounded by two batches. `produce` runs on the background thread only, one index after the other, and
/// owns whatever it captures until `stop()` returns: the caller must not touch those objects meanwhile.
///
/// A thread, not a task: `produce` blocks in libpq, and blocking calls would starve the cooperative pool.
final class Prefetcher<Value>: @unchecked Sendable {
    private let count: Int
    private let produce: (Int) throws -> Value
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var ready: Result<Value, any Error>?
    private var nextToHand = 0
    private var stopped = false
    private var running = true

    /// Starts producing values for the indices `0..<count` in order.
    init(count: Int, produce: @escaping (Int) throws -> Value) {
        self.count = count
        self.produce = produce
        let thread = Thread { [self] in work() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next value in index order, nil after the last or after `stop()`. Throws the error that producing it
    /// threw; nothing is produced after an error.
    func next() throws -> Value? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if stopped { return nil }
            if let result = ready {
                ready = nil
                nextToHand += 1
                condition.broadcast()
                return try result.get()
            }
            if !running { return nil }
            condition.wait()
        }
    }

    /// Stops after the value being produced and waits for the thread to end; afterwards whatever `produce`
    /// captured belongs to the caller again.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    private func work() {
        defer {
            condition.lock()
            running = false
            condition.broadcast()
            condition.unlock()
        }
        for index in 0..<count {
            // Wait until the consumer has taken the previous value: never more than one waiting.
            condition.lock()
            while ready != nil && !stopped { condition.wait() }
            let stop = stopped
            condition.unlock()
            if stop { return }

            let result = Result { try produce(index) }
            condition.lock()
            ready = result
            condition.broadcast()
            condition.unlock()
            if case .failure = result { return }
        }
    }
}
