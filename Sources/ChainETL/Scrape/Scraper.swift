public import Logging

/// One scrape run: reconcile the landing zone with the node (undo a reorg), fill gaps, fetch again what was
/// asked, and extend the best chain to the target height.
///
/// Every block commits whole together with its best-chain event, so a run killed at any moment leaves a landing
/// zone that the next run continues from, exactly as if the first had stopped cleanly one commit earlier.
public final class Scraper {
    private let connection: PostgresConnection
    private let zone: LandingZone
    private let source: any BlockSource
    private let factory: any BlockSourceFactory
    private let options: ScrapeOptions
    private let logger: Logger
    private let progress: (ScrapeSummary) -> Void
    private var summary = ScrapeSummary()

    /// - Parameters:
    ///   - connection: the raw database; the caller holds the scrape lock on it.
    ///   - source: used on the calling thread for heights and hashes.
    ///   - factory: makes one source per fetching worker.
    ///   - progress: called after each commit with the totals so far.
    public init(
        connection: PostgresConnection, source: any BlockSource, factory: any BlockSourceFactory,
        options: ScrapeOptions, logger: Logger, progress: @escaping (ScrapeSummary) -> Void = { _ in }
    ) {
        self.connection = connection
        zone = LandingZone(connection: connection)
        self.source = source
        self.factory = factory
        self.options = options
        self.logger = logger
        self.progress = progress
    }

    /// Runs to the target height. When the node reorganises during the run the work starts over from the
    /// reconciliation, a bounded number of times.
    public func run() throws -> ScrapeSummary {
        try refuseBackfillBelowBottom()
        for _ in 0..<Self.maximumRounds {
            if try runRoundNoticingShorterChain() == .finished { return summary }
            logger.info("the node's chain changed during the run; reconciling again")
        }
        throw ChainKeepsChangingError(rounds: Self.maximumRounds)
    }

    private static let maximumRounds = 5

    /// The landing zone grows upward only: blocks landed below its bottom would reach copy-raw as joins below
    /// the chain tables it has already built, which it cannot apply. Refusing before anything is fetched beats
    /// reporting blocks as refreshed that were never stored.
    private func refuseBackfillBelowBottom() throws {
        guard let from = options.from, let bottom = try zone.bottomHeight(), from < bottom else { return }
        throw BackfillBelowLandingZoneError(from: from, bottom: bottom)
    }

    private enum RoundOutcome { case finished, chainChanged }

    /// A reorg to a shorter branch during the round makes the node refuse heights it had a moment ago
    /// (`getblockhash` answers -8 "Block height out of range"). That is a chain change like any other, not a
    /// failure: what was committed before it is consistent, and the next round reconciles from there.
    private func runRoundNoticingShorterChain() throws -> RoundOutcome {
        do {
            return try runRound()
        } catch let error as JSONRPCError where error.code == .invalidParameter {
            guard let seenTip = summary.nodeTip, try source.bestHeight() < seenTip else { throw error }
            return .chainChanged
        }
    }

    private func runRound() throws -> RoundOutcome {
        let nodeTip = try source.bestHeight()
        let target = min(options.to ?? Int64.max, nodeTip - options.confirmations)
        summary.nodeTip = nodeTip
        summary.targetHeight = target

        if let tip = try zone.tip() {
            let search = ForkSearch(maximumDepth: options.maximumReorgDepth)
            switch try search.compare(
                storedTip: tip.height, bottom: storedBottom, nodeTip: nodeTip,
                storedHashes: zone.bestHashes(in:), nodeHashes: source.blockHashes(in:)
            ) {
            case .inSync:
                break
            case .nodeBehind(let nodeTip):
                logger.warning("the node's tip \(nodeTip) is below the stored tip \(tip.height) on the same chain; nothing to do until it catches up")
                return .finished
            case .reorg(let forkHeight, let depth):
                try connection.transaction { _ in try zone.leave(above: forkHeight) }
                summary.reorgDepths.append(depth)
                logger.info("reorg: \(depth) block(s) above height \(forkHeight) left the best chain")
            }
        }

        for gap in try zone.gaps() where gap.lowerBound <= nodeTip {
            let heights = gap.lowerBound...min(gap.upperBound, nodeTip)
            logger.info("filling a gap in the landing zone: heights \(heights.lowerBound)...\(heights.upperBound)")
            let before = summary.blocksLanded
            if try land(heights) == .chainChanged { return .chainChanged }
            summary.gapBlocksFilled += summary.blocksLanded - before
            if heights.upperBound == gap.upperBound,
               let above = try zone.previousHash(ofBestAt: heights.upperBound + 1),
               above != (try zone.bestHashes(in: heights.upperBound...heights.upperBound))[heights.upperBound] {
                return .chainChanged
            }
        }

        let storedTip = try zone.tip()?.height
        if let from = options.from, let storedTip, from <= storedTip {
            let upper = min(storedTip, target)
            if from <= upper, try refresh(from...upper) == .chainChanged { return .chainChanged }
        }

        // With no best chain stored, start where asked, else where the landing zone started (a reorg below its
        // bottom took every block off the best chain), else at genesis.
        let start = try (zone.tip()?.height).map { $0 + 1 } ?? options.from ?? zone.lowestHeight() ?? 0
        if start <= target, try land(start...target) == .chainChanged { return .chainChanged }
        return .finished
    }

    /// The landing zone's lowest best-chain block, unless it is the genesis block.
    private func storedBottom() throws -> StoredBottom? {
        guard let height = try zone.bottomHeight(), height > 0 else { return nil }
        return StoredBottom(
            height: height, parentHash: try zone.previousHash(ofBestAt: height) ?? nil,
            hadBlocksBelow: try zone.hasEvents(below: height))
    }

    /// Fetches and stores `heights` on top of the stored chain, in commits of several whole blocks.
    private func land(_ heights: ClosedRange<Int64>) throws -> RoundOutcome {
        var previousHash: String? = heights.lowerBound > 0
            ? try zone.bestHashes(in: (heights.lowerBound - 1)...(heights.lowerBound - 1))[heights.lowerBound - 1]
            : nil
        var outcome = RoundOutcome.finished
        try forEachPipeline(over: heights) { pipeline in
            var pending: [LandedBlock] = []
            var pendingBytes = 0
            // Takes the blocks out of `pending` before committing them: a commit that fails must not be tried
            // again by the failure handler below (on a dead connection that would hide why it failed).
            func commitPending() throws {
                let blocks = pending
                pending.removeAll(keepingCapacity: true)
                pendingBytes = 0
                try commit(blocks)
            }
            do {
                while let landed = try pipeline.next() {
                    if let previousHash, landed.block.previousHash != previousHash {
                        // Committed: the failure handler below must not commit (and record as joined) them again.
                        try commitPending()
                        try refuseIfChainUnchanged(landed, expectedPrevious: previousHash)
                        outcome = .chainChanged
                        return false
                    }
                    previousHash = landed.block.hash
                    pending.append(landed)
                    pendingBytes += landed.byteCount
                    if pending.count >= options.blocksPerCommit || pendingBytes >= options.bytesPerCommit {
                        try commitPending()
                    }
                }
            } catch {
                // What was fetched before the failing block is valid: keep it, then report the failure.
                try commitPending()
                throw error
            }
            try commitPending()
            return true
        }
        return outcome
    }

    /// Fetches `heights` a chunk at a time (one `getblockhash` batch each) and hands each chunk's pipeline to
    /// `body`, which returns false to stop. The pipeline's workers are stopped whatever `body` does.
    private func forEachPipeline(over heights: ClosedRange<Int64>, _ body: (BlockPipeline) throws -> Bool) throws {
        for chunk in Self.chunks(of: heights, size: Self.hashesPerRequest) {
            let hashes = try source.blockHashes(in: chunk)
            let pipeline = BlockPipeline(
                heights: chunk, hashes: hashes, workers: options.concurrency, window: options.window,
                windowBytes: options.windowBytes, factory: factory)
            defer { pipeline.stop() }
            guard try body(pipeline) else { return }
        }
    }

    /// A block whose previous hash is not the block below it means either that the node reorganised since the
    /// hashes were read, or that the node's answer is wrong. If the node still names the stored block as its
    /// block at that height, the answer is wrong: refuse it rather than chase a reorg that is not there.
    private func refuseIfChainUnchanged(_ landed: LandedBlock, expectedPrevious: String) throws {
        let below = landed.block.height - 1
        guard below >= 0, try source.blockHashes(in: below...below)[below] == expectedPrevious else { return }
        throw NodeDataError(
            height: landed.block.height, hash: landed.block.hash, field: "previousblockhash",
            problem: "is \(landed.block.previousHash ?? "missing"), but the node's block \(below) is \(expectedPrevious)")
    }

    private func commit(_ blocks: [LandedBlock]) throws {
        guard !blocks.isEmpty else { return }
        try connection.transaction { _ in try zone.join(blocks) }
        summary.recordLanded(blocks)
        progress(summary)
    }

    /// Fetches stored blocks again; an identical answer is a no-op, a different answer for the same hash
    /// replaces the stored one. The chain was reconciled first, so the hashes agree, unless the node
    /// reorganised since: a block the stored best chain does not hold ends the round, which then starts over
    /// from the reconciliation, instead of being counted as refreshed without being stored.
    private func refresh(_ heights: ClosedRange<Int64>) throws -> RoundOutcome {
        var outcome = RoundOutcome.finished
        try forEachPipeline(over: heights) { pipeline in
            while let landed = try pipeline.next() {
                guard let stored = try zone.bestChainBody(hash: landed.block.hash) else {
                    outcome = .chainChanged
                    return false
                }
                if stored.format == landed.format.rawValue, stored.body == landed.body,
                   stored.transactions == landed.transactions {
                    summary.blocksUnchanged += 1
                } else {
                    try connection.transaction { _ in try zone.refresh(landed) }
                    summary.blocksRefreshed += 1
                }
            }
            return true
        }
        return outcome
    }

    private static let hashesPerRequest: Int64 = 1_000

    private static func chunks(of range: ClosedRange<Int64>, size: Int64) -> [ClosedRange<Int64>] {
        stride(from: range.lowerBound, through: range.upperBound, by: Int(size)).map {
            $0...min($0 + size - 1, range.upperBound)
        }
    }
}

/// The node reorganised again and again while the run tried to catch up; better to stop and let the next cron
/// run try than to loop. What was committed is valid.
public struct ChainKeepsChangingError: ChainETLError {
    public var rounds: Int
    public var exitStatus: ExitStatus { .failure }
    public var isTransient: Bool { true }
    public var description: String {
        "the node's best chain changed \(rounds) times during this run; what was stored is consistent. "
            + "Run scrape again (cron will); if it keeps happening, raise --confirmations."
    }
}
