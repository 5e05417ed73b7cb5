/// What one run recomputes, decided from the scope, the cursor and the chain before any statistic is written.
/// Pure, so the rules (which days an hourly run touches, which buckets a reorg changes, what a shrinking chain
/// deletes) are tested without a database.
///
/// Every range is a hull: it may hold a few heights or days nothing changed in, never miss one that did. In
/// practice the changes since the cursor are contiguous (new blocks on the tip, or a reorg replacing the top of
/// the chain), so the hull is exactly what changed.
public struct AggregationPlan: Sendable, Equatable {
    /// Heights whose per-block totals are summed again from `chain.transactions`.
    public var blockHeights: ClosedRange<Int64>?
    /// UTC days recomputed in `stats.daily_blocks` and `stats.daily_transactions`.
    public var days: ClosedRange<UTCDay>?
    /// `all` buckets recomputed.
    public var allBuckets: ClosedRange<Int64>?
    /// Whether the week and month windows are recomputed (they move with the tip).
    public var recomputesMovingWindows: Bool
    /// The change sequence the cursor moves to, or nil to leave it.
    public var cursorTarget: Int64?
    /// Whether the run recomputes everything because the change log restarted below the cursor.
    public var restartsAfterLogReset: Bool = false

    /// A plan naming its ranges directly; the static constructors below decide them from a scope.
    public init(blockHeights: ClosedRange<Int64>?, days: ClosedRange<UTCDay>?, allBuckets: ClosedRange<Int64>?,
                recomputesMovingWindows: Bool, cursorTarget: Int64?, restartsAfterLogReset: Bool = false) {
        self.blockHeights = blockHeights
        self.days = days
        self.allBuckets = allBuckets
        self.recomputesMovingWindows = recomputesMovingWindows
        self.cursorTarget = cursorTarget
        self.restartsAfterLogReset = restartsAfterLogReset
    }

    /// The hourly run: the heights and days of the changes after `cursor`, the tip's day and the day before it
    /// (a day in progress, and the tail of yesterday, are always redone), and the `all` buckets of the changed
    /// heights. A change log that ends below the cursor was rebuilt: then everything is recomputed.
    ///
    /// `lastStoredDay` is the latest day the daily tables hold. Days without a block between it and the first
    /// day recomputed get their rows too (no blocks, the issued total carried), as `--full` writes them: a
    /// chain whose next block comes two days after the last (a stalled testnet) would otherwise keep a hole.
    public static func forChanges(
        _ changes: PendingChanges, cursor: Int64, extent: ChainExtent, lastStoredDay: UTCDay?
    ) -> AggregationPlan {
        if extent.lastSequence < cursor {
            var plan = full(extent: extent)
            plan.restartsAfterLogReset = true
            return plan
        }
        var days = changes.days
        if let tipDay = extent.tipDay { days = hull(days, tipDay.previous...tipDay) }
        if let lastStoredDay, let first = days?.lowerBound, lastStoredDay.next < first {
            days = hull(days, lastStoredDay.next...first)
        }
        return AggregationPlan(
            blockHeights: intersection(changes.heights, extent.heights),
            days: intersection(days, extent.days),
            allBuckets: intersection(
                changes.heights.map { BlockWindowPeriod.all.buckets(covering: $0, origin: 0) }, extent.allBuckets),
            recomputesMovingWindows: extent.heights != nil,
            cursorTarget: extent.lastSequence > cursor ? extent.lastSequence : nil)
    }

    /// `--full`: every block, day and bucket; the cursor moves to the end of the log.
    public static func full(extent: ChainExtent) -> AggregationPlan {
        AggregationPlan(
            blockHeights: extent.heights, days: extent.days, allBuckets: extent.allBuckets,
            recomputesMovingWindows: extent.heights != nil, cursorTarget: extent.lastSequence)
    }

    /// `--from`/`--to`: the days asked for, the blocks in them (`heightsOfDays`, from `chain.blocks`) and their
    /// `all` buckets. The cursor and the moving windows are left to the next hourly run.
    public static func forDays(
        from: UTCDay?, to: UTCDay?, heightsOfDays: ClosedRange<Int64>?, extent: ChainExtent
    ) -> AggregationPlan {
        var days: ClosedRange<UTCDay>?
        if let chainDays = extent.days {
            let first = from ?? chainDays.lowerBound
            let last = to ?? chainDays.upperBound
            days = first <= last ? intersection(first...last, chainDays) : nil
        }
        return AggregationPlan(
            blockHeights: intersection(heightsOfDays, extent.heights),
            days: days,
            allBuckets: intersection(
                heightsOfDays.map { BlockWindowPeriod.all.buckets(covering: $0, origin: 0) }, extent.allBuckets),
            recomputesMovingWindows: false, cursorTarget: nil)
    }

    /// The overlap of two ranges, nil when either is nil or they do not meet.
    static func intersection<Bound: Comparable>(
        _ a: ClosedRange<Bound>?, _ b: ClosedRange<Bound>?
    ) -> ClosedRange<Bound>? {
        guard let a, let b else { return nil }
        let lower = max(a.lowerBound, b.lowerBound)
        let upper = min(a.upperBound, b.upperBound)
        return lower <= upper ? lower...upper : nil
    }

    /// The smallest range holding both (either alone when the other is nil).
    static func hull<Bound: Comparable>(_ a: ClosedRange<Bound>?, _ b: ClosedRange<Bound>) -> ClosedRange<Bound> {
        guard let a else { return b }
        return min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
    }
}
