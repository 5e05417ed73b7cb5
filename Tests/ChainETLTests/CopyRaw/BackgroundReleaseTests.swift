import Foundation
import Synchronization
import Testing

@testable import ChainETL

/// A written batch must be freed on the release thread, never on the writing thread that hands it over: the
/// analytics database waits for the writer meanwhile.
@Suite("BackgroundRelease: a written batch is freed off the writing thread")
struct BackgroundReleaseTests {
    /// For each value freed, whether it was freed on the writing thread.
    private final class FreeLog: Sendable {
        let onWriter = Mutex<[Bool]>([])
    }

    /// Records the thread its storage is freed on.
    private final class Tracked: Sendable {
        let log: FreeLog
        let writer: pthread_t

        init(log: FreeLog, writer: pthread_t) {
            self.log = log
            self.writer = writer
        }

        deinit {
            let onWriter = pthread_equal(pthread_self(), writer) != 0
            log.onWriter.withLock { $0.append(onWriter) }
        }
    }

    /// Shaped like a batch: the storage sits behind a reference the caller gives up.
    private struct Batch: Sendable {
        var rows: [Tracked]
    }

    @Test("every value handed over is freed, and none on the thread that handed it over")
    func freedOnReleaseThread() {
        let log = FreeLog()
        let release = BackgroundRelease()
        let writer = pthread_self()
        let handed = 20_000
        for index in 0..<handed {
            // Now and then let the release thread run dry, so the next hand-over meets it idle or just waking
            // as well as busy.
            if index % 16 == 0 { usleep(50) }
            let batch = Batch(rows: [Tracked(log: log, writer: writer)])
            release.release(consume batch)
            // The writer goes on at once; the release thread may well run before this returns.
        }
        release.waitUntilDone()
        let record = log.onWriter.withLock { $0 }
        #expect(record.count == handed)
        #expect(record.filter { $0 }.count == 0)
    }

    /// Frees slowly: its deinit waits until the test lets it finish.
    private final class SlowToFree: Sendable {
        let started: DispatchSemaphore
        let mayFinish: DispatchSemaphore

        init(started: DispatchSemaphore, mayFinish: DispatchSemaphore) {
            self.started = started
            self.mayFinish = mayFinish
        }

        deinit {
            started.signal()
            mayFinish.wait()
        }
    }

    @Test("a hand-over waits while the value before it is still being freed, so batches cannot pile up")
    func atMostOneValueWaitsToBeFreed() {
        let release = BackgroundRelease()
        let started = DispatchSemaphore(value: 0)
        let mayFinish = DispatchSemaphore(value: 0)
        release.release(SlowToFree(started: started, mayFinish: mayFinish))
        started.wait()  // the first value is being freed now

        let secondHandedOver = Mutex(false)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            release.release(Batch(rows: []))
            secondHandedOver.withLock { $0 = true }
            done.signal()
        }
        usleep(200_000)
        #expect(!secondHandedOver.withLock { $0 })
        mayFinish.signal()
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(secondHandedOver.withLock { $0 })
        release.waitUntilDone()
    }
}
