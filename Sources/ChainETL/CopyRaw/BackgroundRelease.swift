import Dispatch

/// Drops values on a thread of its own. Freeing a written batch (hundreds of thousands of rows and strings)
/// took 35–45 ms on the writing thread, between one batch's COMMIT and the next one's BEGIN, while the
/// analytics database waited: about 1.5 s of a 300-block run.
///
/// The batch being read is built up over hundreds of milliseconds, so freeing the last one beside it adds
/// little to the peak memory, and the memory freed is reused for it.
struct BackgroundRelease: Sendable {
    private let queue = DispatchQueue(label: "chain-etl.copy-raw.release")

    /// Takes `value` and lets it go on the release thread.
    func release<Value: Sendable>(_ value: consuming Value) {
        let value = value
        queue.async { withExtendedLifetime(value) {} }
    }
}
