public import Logging

/// The heart of `copy-raw`: replays `raw.chain_events` after the cursor into the chain tables. Blocks that
/// left are taken out one by one; runs of joined blocks are read, derived, validated and written in batches,
/// each batch in one transaction with the cursor. A block a rule refuses is quarantined and the run stops
/// before it, because every later balance depends on it.
public struct RawCopier {
    /// Where a run is: the landing zone's tip, blocks applied, for the progress line.
    public struct Progress: Sendable {
        /// The first height this run copied.
        public var firstHeight: Int64
        /// The last height copied so far.
        public var height: Int64
        public var targetHeight: Int64?
        public var blocksCopied: Int
    }

    let analytics: PostgresConnection
    let raw: RawDatabaseReader
    let options: CopyRawOptions
    let parameters: ChainParameters
    let logger: Logger
    let onProgress: (Progress) -> Void
    private let cursor = ConsumerCursor(consumer: "copy-raw")
    /// What this run has committed so far (all of it once `run()` returns; up to the failure when it throws).
    private(set) var summary: CopyRawSummary
    /// Whether `--rebuild` has emptied the chain tables (committed), so a run continued after a lost
    /// connection must not empty them again.
    private(set) var hasEmptiedChainTables = false
    private let batchReader: LandedBatchReader
    private let rules: ValidationRules
    private var targetHeight: Int64?
    /// The transactions this run committed lately, so their spenders skip the txid index.
    private var recentTransactions = RecentTransactions()
    /// Whether to keep the ledger's block index summarized after each commit (false once the role turned out
    /// not to be allowed to).
    private var summarizesLedgerIndex = true

    public init(
        analytics: PostgresConnection, raw: RawDatabaseReader, options: CopyRawOptions, parameters: ChainParameters,
        logger: Logger, continuing earlier: CopyRawSummary = CopyRawSummary(),
        onProgress: @escaping (Progress) -> Void = { _ in }
    ) throws {
        summary = earlier
        self.analytics = analytics
        self.raw = raw
        self.options = options
        self.parameters = parameters
        self.logger = logger
        self.onProgress = onProgress
        rules = try ValidationRules.load(from: analytics, parameters: parameters)
        batchReader = LandedBatchReader(raw: raw, rules: rules, parameters: parameters)
    }

    /// Copies everything pending; returns what it did. Throws `BlockValidationFailure` after quarantining a
    /// block (what came before it is committed).
    public mutating func run() throws -> CopyRawSummary {
        if options.rebuild {
            if let missing = try raw.read("checking the landing zone holds every block", { try $0.missingBlocks() }) {
                throw RebuildUnavailableError(missingBlocks: missing.count, heights: missing.heights)
            }
            try emptyChainTables()
            hasEmptiedChainTables = true
        }
        var position = try cursor.position(on: analytics)
        targetHeight = try raw.read("reading the landing zone's tip") { try $0.tip()?.height }
        while true {
            let events = try raw.read("reading raw.chain_events") {
                try $0.events(after: position, limit: options.eventsPerRead)
            }
            guard let last = events.last else { break }
            let pending = ChangePlan(events: events)
            let plan = pending.droppingJoins(alreadyCopied: try copiedBlocks(among: pending.joinsWithoutEarlierLeave))
            let joined = plan.steps.filter { $0.change == .joined }.map(\.hash)
            let sizes = try raw.read("reading landed block sizes") { try $0.transactionCounts(hashes: joined) }
            let steps = windowSteps(of: plan, sizes: sizes)
            let batches = steps.compactMap(\.batch)
            // The next batch is read and parsed on another thread while this one is written.
            let reader = batchReader
            let prefetcher = Prefetcher(count: batches.count) { try reader.read(batches[$0]) }
            defer { prefetcher.stop() }
            let written = BackgroundRelease()
            for step in steps {
                switch step {
                case .remove(let event):
                    try remove(event)
                case .copy(let batch):
                    guard let derived = try prefetcher.next() else { throw PrefetchEndedEarlyError() }
                    try write(derived, of: batch)
                    written.release(consume derived)
                }
            }
            // Events that cancelled out after the last step still have to be passed.
            try analytics.transaction { connection in
                try cursor.advance(to: last.sequence, on: connection)
                try Quarantine(connection: connection).resolve(hashes: plan.cancelled)
            }
            position = last.sequence
        }
        if let seconds = options.pruneRawOlderThanSeconds {
            summary.blocksPruned = try raw.read("pruning the landing zone") {
                try $0.prune(
                    appliedThrough: position, olderThanSeconds: seconds,
                    keptBelowTip: ScrapeOptions.defaultMaximumReorgDepth)
            }
        }
        return summary
    }

    /// Which of `hashes` `chain.blocks` already holds (joined again by a gap fill in the landing zone).
    private func copiedBlocks(among hashes: [String]) throws -> Set<String> {
        guard !hashes.isEmpty else { return [] }
        let rows = try analytics.query(
            "SELECT hash FROM chain.blocks WHERE hash = ANY($1::text[])", [PostgresArray(hashes)])
        return Set(try rows.map { try $0.string(0) })
    }

    /// Takes a block that left the best chain out of the chain tables, with the cursor.
    private mutating func remove(_ event: ChainEvent) throws {
        recentTransactions.forgetAll()
        let removed = try analytics.transaction { connection in
            let removed = try ChainWriter(connection: connection).remove(height: event.height, hash: event.hash)
            try cursor.advance(to: event.sequence, on: connection)
            return removed
        }
        if removed { summary.blocksRemoved += 1 }
    }

    /// One step of an event window: take a block out, or copy a batch of joined blocks.
    private enum WindowStep {
        case remove(ChainEvent)
        case copy([ChainEvent])

        var batch: [ChainEvent]? {
            if case .copy(let batch) = self { batch } else { nil }
        }
    }

    /// The window's changes in order: each 'left' on its own, runs of joins cut into batches.
    ///
    /// The first batch of a window is an eighth of the commit size and each next one twice the last, up to the
    /// commit size: the writer can do nothing until the first batch is read and parsed, and the reading thread
    /// nothing else, so a small first batch starts both sooner. Measured on mainnet-shaped blocks: an hourly
    /// run of 6 blocks (15,000 transactions, one batch before) took 1.74–1.82 s instead of 1.92–1.96 s and
    /// peaked at 98 MB instead of 110 MB; a 300-block load no longer waits 0.6 s for its first batch.
    private func windowSteps(of plan: ChangePlan, sizes: [String: Int]) -> [WindowStep] {
        var steps: [WindowStep] = []
        var index = plan.steps.startIndex
        var limit = max(1, options.transactionsPerCommit / 8)
        while index < plan.steps.endIndex {
            let step = plan.steps[index]
            if step.change == .left {
                steps.append(.remove(step))
                index += 1
            } else {
                let batch = nextBatch(of: plan.steps[index...], sizes: sizes, transactions: limit)
                steps.append(.copy(batch))
                index += batch.count
                limit = min(options.transactionsPerCommit, limit * 2)
            }
        }
        return steps
    }

    /// The leading run of joins in `steps`, cut at the commit size in blocks and at `limit` transactions (one
    /// block at least).
    private func nextBatch(
        of steps: ArraySlice<ChainEvent>, sizes counts: [String: Int], transactions limit: Int
    ) -> [ChainEvent] {
        let joins = Array(steps.prefix { $0.change == .joined }.prefix(options.blocksPerCommit))
        var batch: [ChainEvent] = []
        var transactions = 0
        for join in joins {
            let count = counts[join.hash] ?? 1
            if !batch.isEmpty, transactions + count > limit { break }
            batch.append(join)
            transactions += count
        }
        return batch
    }

    /// Writes a read batch. On a refused block, commits the blocks before it, quarantines it and throws.
    ///
    /// A rule checked in SQL names the first block it refuses, but not every rule runs over the whole batch
    /// before another throws (inputs are resolved for all blocks before fees are checked), so the blocks before
    /// a refused one can hold an earlier one: each attempt cuts before the latest refusal until what is left is
    /// written, and the earliest refused block is the one quarantined.
    private mutating func write(_ derived: DerivedBatch, of batch: [ChainEvent]) throws {
        var refused = derived.refused
        let sequences = Dictionary(batch.map { ($0.hash, $0.sequence) }, uniquingKeysWith: max)
        var pending = derived.prepared
        while true {
            do {
                try write(pending, sequences: sequences)
                break
            } catch let failure as BlockValidationFailure {
                let before = pending.prefix(before: failure.height)
                // A refusal outside what was written cannot be cut away; it is reported as it is.
                guard before.blocks.count < pending.blocks.count else { throw failure }
                pending = before
                refused = failure
            }
        }
        if let refused {
            try Quarantine(connection: analytics).record(refused)
            throw refused
        }
    }

    /// Writes `batch` and advances the cursor to its last block's event, in one transaction.
    private mutating func write(_ batch: PreparedBatch, sequences: [String: Int64]) throws {
        let rows = batch.blocks
        guard let last = rows.last, let sequence = sequences[last.block.hash] else { return }
        try analytics.transaction { connection in
            try ChainWriter(connection: connection).append(batch, rules: rules, recent: recentTransactions)
            try cursor.advance(to: sequence, on: connection)
            try Quarantine(connection: connection).resolve(hashes: rows.map(\.block.hash))
        }
        recentTransactions.remember(batch)
        summary.recordCopied(rows)
        try summarizeLedgerIndex()
        onProgress(Progress(
            firstHeight: summary.firstHeight ?? last.block.height, height: last.block.height, targetHeight: targetHeight,
            blocksCopied: summary.blocksCopied))
    }

    /// Summarizes the ledger pages the last commit added (see `LedgerBlockIndex`); warns once and stops trying
    /// when the role may not.
    private mutating func summarizeLedgerIndex() throws {
        guard summarizesLedgerIndex else { return }
        if case .notPermitted(let message) = try LedgerBlockIndex(connection: analytics).summarizeNewRanges() {
            summarizesLedgerIndex = false
            logger.warning("""
                cannot summarize \(LedgerBlockIndex.name) (\(message)): reads of the ledger by block will scan \
                every page added since the table's last VACUUM; run copy-raw as the role that owns the chain \
                tables, or VACUUM chain.address_movements after large loads
                """)
        }
    }

    /// `--rebuild`: empties the chain tables and every cursor that reads them, so this run and every downstream
    /// tool start from the beginning; open quarantine entries are closed (the rules will find them again).
    private func emptyChainTables() throws {
        try analytics.transaction { connection in
            try connection.executeScript("""
                TRUNCATE chain.blocks, chain.transactions, chain.outputs, chain.inputs, chain.address_movements,
                         chain.departed_movements, chain.block_changes RESTART IDENTITY;
                DELETE FROM etl.cursors;
                UPDATE etl.quarantine SET resolved_at = now() WHERE resolved_at IS NULL;
                """)
        }
        logger.notice("rebuild: chain tables emptied; every downstream tool will start over on its next run")
    }
}
