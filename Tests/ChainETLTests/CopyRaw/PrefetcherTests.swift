import Foundation
import Synchronization
import Testing

@testable import ChainETL

/// The reading thread of copy-raw: values come in order, never more than one is made ahead of the consumer
/// (memory stays at two batches), an error ends the sequence at its place, and `stop()` waits for the thread.
@Suite("Prefetcher: one batch read ahead of the writer")
struct PrefetcherTests {
    private struct Refusal: Error, Equatable { var index: Int }

    @Test("hands over every value in order, then nil")
    func inOrder() throws {
        let prefetcher = Prefetcher(count: 50) { $0 * 3 }
        defer { prefetcher.stop() }
        var values: [Int] = []
        while let value = try prefetcher.next() { values.append(value) }
        #expect(values == (0..<50).map { $0 * 3 })
        #expect(try prefetcher.next() == nil)
    }

    @Test("makes at most one value ahead of the one the consumer holds")
    func boundedLookahead() throws {
        let started = Mutex(-1)
        let prefetcher = Prefetcher(count: 10) { index in
            started.withLock { $0 = index }
            return index
        }
        defer { prefetcher.stop() }
        for expected in 0..<10 {
            let value = try #require(try prefetcher.next())
            #expect(value == expected)
            // Give the thread time to run ahead if it would.
            Thread.sleep(forTimeInterval: 0.02)
            #expect(started.withLock { $0 } <= expected + 1)
        }
    }

    @Test("an error is thrown at its place in the sequence and nothing is produced after it")
    func errorStops() throws {
        let produced = Mutex<[Int]>([])
        let prefetcher = Prefetcher(count: 10) { index in
            produced.withLock { $0.append(index) }
            if index == 4 { throw Refusal(index: index) }
            return index
        }
        defer { prefetcher.stop() }
        for expected in 0..<4 { #expect(try prefetcher.next() == expected) }
        #expect(throws: Refusal(index: 4)) { try prefetcher.next() }
        #expect(try prefetcher.next() == nil)
        prefetcher.stop()
        #expect(produced.withLock { $0 } == Array(0...4))
    }

    @Test("stop() in the middle waits for the thread and ends the sequence")
    func stopEarly() throws {
        let producing = Mutex(0)
        let prefetcher = Prefetcher(count: 1_000) { index in
            producing.withLock { $0 += 1 }
            Thread.sleep(forTimeInterval: 0.005)
            producing.withLock { $0 -= 1 }
            return index
        }
        #expect(try prefetcher.next() == 0)
        prefetcher.stop()
        #expect(producing.withLock { $0 } == 0)
        #expect(try prefetcher.next() == nil)
    }

    @Test("an empty sequence ends at once")
    func empty() throws {
        let prefetcher = Prefetcher<Int>(count: 0) { _ in Issue.record("nothing to produce"); return 0 }
        defer { prefetcher.stop() }
        #expect(try prefetcher.next() == nil)
    }
}
