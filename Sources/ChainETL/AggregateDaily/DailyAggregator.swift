public import Logging

/// Runs an `AggregationPlan` on a connection inside the caller's transaction: reads the chain's extent and
/// the pending changes, then recomputes, with set-based statements, exactly the blocks, days and buckets the
/// plan names. The I/O half of the tool; what to recompute is decided by the pure `AggregationPlan`.
public struct DailyAggregator {
    let connection: PostgresConnection
    let logger: Logger

    /// An aggregator writing through `connection`; call its methods inside one transaction.
    public init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// The heights and days of `chain.blocks` and the end of the change log, in the transaction's snapshot.
    public func readExtent() throws -> ChainExtent {
        let row = try connection.query(AggregateDailySQL.chainExtent)[0]
        let lowest = try row.decode(Int64?.self, at: 1)
        let tip = try row.decode(Int64?.self, at: 2)
        let first = try row.decode(UTCDay?.self, at: 4)
        let last = try row.decode(UTCDay?.self, at: 5)
        return ChainExtent(
            heights: range(lowest, tip), days: range(first, last), tipDay: try row.decode(UTCDay?.self, at: 3),
            lastSequence: try row.int64(0))
    }

    /// The latest day both daily tables hold (from `storedExtent`, the earlier of their last days: they are
    /// written together); nil while either is empty.
    public func readLastStoredDay() throws -> UTCDay? {
        let row = try connection.query(AggregateDailySQL.storedExtent)[0]
        guard let blocks = try row.decode(UTCDay?.self, at: 3), let transactions = try row.decode(UTCDay?.self, at: 5)
        else { return nil }
        return min(blocks, transactions)
    }

    /// The changes after `cursor` up to `lastSequence`.
    public func readPendingChanges(after cursor: Int64, upTo lastSequence: Int64) throws -> PendingChanges {
        guard lastSequence > cursor else { return .none }
        let row = try connection.query(AggregateDailySQL.pendingChanges, [cursor, lastSequence])[0]
        return PendingChanges(
            count: try row.int64(0),
            heights: range(try row.decode(Int64?.self, at: 1), try row.decode(Int64?.self, at: 2)),
            days: range(try row.decode(UTCDay?.self, at: 3), try row.decode(UTCDay?.self, at: 4)))
    }

    /// Lowest to highest height of the blocks whose time falls on `days`; nil when none does.
    public func heights(ofDays days: ClosedRange<UTCDay>) throws -> ClosedRange<Int64>? {
        let row = try connection.query(AggregateDailySQL.heightsOfDays, [days.lowerBound, days.upperBound])[0]
        return range(try row.decode(Int64?.self, at: 0), try row.decode(Int64?.self, at: 1))
    }

    /// Recomputes what `plan` names and deletes every statistic outside `extent`; returns the rows written.
    /// `progress` is called after each batch of per-block totals with the last height done and blocks done.
    public func apply(
        _ plan: AggregationPlan, extent: ChainExtent, blocksPerStatement: Int64,
        progress: (_ height: Int64, _ blocksDone: Int64) -> Void = { _, _ in }
    ) throws -> Int {
        var written = try deleteOutsideChain(extent)

        if let heights = plan.blockHeights {
            var first = heights.lowerBound
            while first <= heights.upperBound {
                let last = min(first + max(1, blocksPerStatement) - 1, heights.upperBound)
                written += try execute(AggregateDailySQL.refreshBlockTotals, [first, last], step: "block totals \(first)...\(last)")
                progress(last, last - heights.lowerBound + 1)
                first = last + 1
            }
        }

        if let days = plan.days {
            let bounds: [(any PostgresBindable)?] = [days.lowerBound, days.upperBound]
            written += try execute(AggregateDailySQL.upsertDailyBlocks, bounds, step: "daily blocks \(days)")
            written += try execute(AggregateDailySQL.carryIssuedTotal, [days.upperBound, extent.days?.upperBound],
                                   step: "issued total after \(days.upperBound)")
            let types = PostgresArray(TransactionType.allCases.map(\.rawValue))
            written += try execute(AggregateDailySQL.upsertDailyTransactions, bounds + [types], step: "daily transactions \(days)")
        }

        if let buckets = plan.allBuckets, let chain = extent.heights {
            let period = BlockWindowPeriod.all
            let first = period.heights(ofBucket: buckets.lowerBound, origin: 0).lowerBound
            let heights = first...period.heights(ofBucket: buckets.upperBound, origin: 0).upperBound
            if let covered = AggregationPlan.intersection(heights, chain) {
                written += try windows(period, origin: 0, heights: covered, reconciling: buckets)
            }
        }
        if plan.recomputesMovingWindows, let chain = extent.heights {
            for period in [BlockWindowPeriod.week, .month] {
                let window = period.window(chain: chain)
                let buckets = (period.windowSize ?? 0) / period.bucketSize
                written += try windows(
                    period, origin: period.origin(window: window), heights: window, reconciling: 0...buckets)
            }
        }
        return written
    }

    /// Deletes the statistics of heights, days and `all` buckets the chain no longer reaches (a reorg made it
    /// shorter, or its header times no longer reach a day), and everything when the chain is empty.
    private func deleteOutsideChain(_ extent: ChainExtent) throws -> Int {
        let row = try connection.query(AggregateDailySQL.storedExtent)[0]
        let totals = range(try row.decode(Int64?.self, at: 0), try row.decode(Int64?.self, at: 1))
        let blockDays = range(try row.decode(UTCDay?.self, at: 2), try row.decode(UTCDay?.self, at: 3))
        let transactionDays = range(try row.decode(UTCDay?.self, at: 4), try row.decode(UTCDay?.self, at: 5))
        let buckets = range(try row.decode(Int64?.self, at: 6), try row.decode(Int64?.self, at: 7))
        var written = 0
        for part in RangeDifference.parts(of: totals, outside: extent.heights) {
            written += try execute(AggregateDailySQL.deleteBlockTotals, [part.lowerBound, part.upperBound],
                                   step: "delete totals \(part)")
        }
        for part in RangeDifference.parts(of: blockDays, outside: extent.days) {
            written += try execute(AggregateDailySQL.deleteDailyBlocks, [part.lowerBound, part.upperBound],
                                   step: "delete daily blocks \(part)")
        }
        for part in RangeDifference.parts(of: transactionDays, outside: extent.days) {
            written += try execute(AggregateDailySQL.deleteDailyTransactions, [part.lowerBound, part.upperBound],
                                   step: "delete daily transactions \(part)")
        }
        for part in RangeDifference.parts(of: buckets, outside: extent.allBuckets) {
            written += try execute(AggregateDailySQL.deleteAllBuckets, [part.lowerBound, part.upperBound],
                                   step: "delete all buckets \(part)")
        }
        if extent.heights == nil {
            written += try execute(AggregateDailySQL.deleteMovingWindows, [], step: "delete week and month windows")
        }
        return written
    }

    /// Recomputes `period`'s buckets from the blocks at `heights`, deleting emptied buckets among `reconciling`.
    private func windows(
        _ period: BlockWindowPeriod, origin: Int64, heights: ClosedRange<Int64>, reconciling: ClosedRange<Int64>
    ) throws -> Int {
        try execute(AggregateDailySQL.upsertBlockWindows, [
            period.rawValue, origin, period.bucketSize, heights.lowerBound, heights.upperBound,
            reconciling.lowerBound, reconciling.upperBound,
        ], step: "\(period.rawValue) windows \(heights)")
    }

    /// Runs one statement that returns its count of rows written, logging how long it took.
    private func execute(_ sql: String, _ parameters: [(any PostgresBindable)?], step: String) throws -> Int {
        let started = ContinuousClock.now
        let result = try connection.query(sql, parameters)
        let count = result.isEmpty ? result.affectedRowCount : try result[0].int(0)
        logger.debug("aggregate-daily step", metadata: [
            "step": "\(step)", "rows_written": "\(count)", "duration": "\(ContinuousClock.now - started)",
        ])
        return count
    }

    private func range<Bound: Comparable>(_ lower: Bound?, _ upper: Bound?) -> ClosedRange<Bound>? {
        guard let lower, let upper, lower <= upper else { return nil }
        return lower...upper
    }
}
