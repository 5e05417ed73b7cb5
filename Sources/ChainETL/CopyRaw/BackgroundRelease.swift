import Dispatch

/// Drops values on a thread of its own. Freeing a written batch (hundreds of thousands of rows and strings)
/// took 35–45 ms on the writing thread, between one batch's COMMIT and the next one's BEGIN, while the
/// analytics database waited: about 1.5 s of a 300-block run.
///
/// The batch being read is built up over hundreds of milliseconds, so freeing the last one beside it adds
/// little to the peak memory, and the memory freed is reused for it.
///
/// At most one value waits to be freed: when the release thread is starved of CPU (scrape running beside
/// copy-raw on two cores), written batches would otherwise pile up behind it, and a copy-raw run beside scrape
/// peaked at 192-203 MiB instead of 173. The writer then waits for the previous batch to be freed first.
struct BackgroundRelease: Sendable {
    private let queue = DispatchQueue(label: "chain-etl.copy-raw.release")
    /// Taken by each hand-over, given back once that value is freed.
    private let pending = DispatchSemaphore(value: 1)

    /// Takes `value` and lets it go on the release thread.
    ///
    /// The release thread empties the parcel rather than dropping a copy of the value: with a copy, whichever
    /// thread let go last freed the batch, and when the release thread ran first that was the writing thread
    /// (measured: half of a load's batches, 45–77 ms each, about 0.8–1.3 s of a 300-block run).
    func release<Value: Sendable>(_ value: consuming Value) {
        let parcel = Parcel(consume value)
        pending.wait()
        queue.async { [pending] in
            parcel.empty()
            pending.signal()
        }
    }

    /// Returns once everything handed over so far has been freed.
    func waitUntilDone() {
        queue.sync {}
    }
}

/// A value handed to the release thread; only that thread touches it after the hand-over.
private final class Parcel<Value>: @unchecked Sendable {
    private var value: Value?

    init(_ value: consuming Value) {
        self.value = value
    }

    /// Frees the value here, whoever holds the parcel last.
    func empty() {
        value = nil
    }
}
