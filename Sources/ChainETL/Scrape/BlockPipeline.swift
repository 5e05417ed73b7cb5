import Foundation

/// Fetches blocks on worker threads while the caller stores earlier ones, and hands them back strictly in
/// height order. At most `window` blocks are fetched ahead of the one the caller waits for, and fetched blocks
/// waiting for the caller hold at most about `windowBytes` (blocks of mainnet size are ~10 MB each: a window
/// counted in blocks alone held 16 of them), so memory stays bounded whatever the range and block size. Never
/// more than `workers` requests are in flight at the node.
///
/// Threads, not tasks: every fetch blocks in libcurl, and blocking calls would starve the cooperative pool.
final class BlockPipeline: @unchecked Sendable {
    private let hashes: [Int64: String]
    private let heights: ClosedRange<Int64>
    private let window: Int64
    private let windowBytes: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var nextToFetch: Int64
    private var nextToHand: Int64
    private var ready: [Int64: LandedBlock] = [:]
    private var readyBytes = 0
    /// Fetches under way, and the size of the last block fetched: the estimate for each of them.
    private var inFlight = 0
    private var lastBlockBytes = 0
    private var failure: (height: Int64, error: any Error)?
    private var stopped = false
    private var running = 0

    /// Starts `workers` threads fetching the blocks of `heights` whose hashes are given.
    init(
        heights: ClosedRange<Int64>, hashes: [Int64: String], workers: Int, window: Int, windowBytes: Int = .max,
        factory: any BlockSourceFactory
    ) {
        self.heights = heights
        self.hashes = hashes
        self.window = Int64(max(window, workers))
        self.windowBytes = windowBytes
        nextToFetch = heights.lowerBound
        nextToHand = heights.lowerBound
        for _ in 0..<max(1, workers) {
            running += 1
            let thread = Thread { [self] in work(factory: factory) }
            thread.stackSize = 4 << 20
            thread.start()
        }
    }

    /// The next block in height order, nil after the last one. Throws the error that stopped the worker
    /// fetching this height, once every lower height has been handed out.
    func next() throws -> LandedBlock? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if nextToHand > heights.upperBound || stopped { return nil }
            if let block = ready.removeValue(forKey: nextToHand) {
                readyBytes -= block.byteCount
                nextToHand += 1
                condition.broadcast()
                return block
            }
            if let failure, failure.height == nextToHand { throw failure.error }
            if let failure, failure.height < nextToHand { throw failure.error }
            condition.wait()
        }
    }

    /// Stops the workers after their current request and waits for them to finish.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func work(factory: any BlockSourceFactory) {
        defer {
            condition.lock()
            running -= 1
            condition.broadcast()
            condition.unlock()
        }
        let source: any BlockSource
        do {
            source = try factory.makeSource()
        } catch {
            record(error, at: heights.lowerBound)
            return
        }
        while let height = claim() {
            do {
                guard let hash = hashes[height] else { throw MissingHashError(height: height) }
                let block = try source.block(hash: hash, height: height)
                condition.lock()
                ready[height] = block
                readyBytes += block.byteCount
                lastBlockBytes = block.byteCount
                inFlight -= 1
                condition.broadcast()
                condition.unlock()
            } catch {
                condition.lock()
                inFlight -= 1
                condition.unlock()
                record(error, at: height)
                return
            }
        }
    }

    /// The next height to fetch, waiting while the window ahead of the consumer is full: in blocks, or in bytes
    /// of fetched blocks plus fetches under way (each estimated at the size of the last block). The byte bound
    /// also keeps large blocks from being decoded on every core at once while the database, the bottleneck,
    /// needs one. The block the consumer waits for is always claimable, so the bounds cannot deadlock. Nil when
    /// done.
    private func claim() -> Int64? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if stopped || failure != nil || nextToFetch > heights.upperBound { return nil }
            let heldBytes = readyBytes + inFlight * lastBlockBytes
            if nextToFetch == nextToHand || (nextToFetch - nextToHand < window && heldBytes < windowBytes) {
                defer { nextToFetch += 1 }
                inFlight += 1
                return nextToFetch
            }
            condition.wait()
        }
    }

    private func record(_ error: any Error, at height: Int64) {
        condition.lock()
        if failure == nil || height < failure!.height { failure = (height, error) }
        condition.broadcast()
        condition.unlock()
    }

    /// A height without a hash: a bug in the caller, reported rather than trapped.
    struct MissingHashError: Error {
        var height: Int64
    }
}
