/// What the analytics database holds when a run starts, read in the run's own snapshot: the heights and UTC days
/// of `chain.blocks` and the end of `chain.block_changes`. Everything a run recomputes is clamped to it, and
/// every statistic outside it is deleted.
public struct ChainExtent: Sendable, Equatable {
    /// Heights from the lowest block to the tip; nil while `chain.blocks` is empty.
    public var heights: ClosedRange<Int64>?
    /// UTC days from the earliest to the latest block time (not always the tip's: header times may go back).
    public var days: ClosedRange<UTCDay>?
    /// The UTC day of the tip block's time.
    public var tipDay: UTCDay?
    /// The last sequence of `chain.block_changes` (0 when empty).
    public var lastSequence: Int64

    /// The extent as read from the database (tests build one directly).
    public init(heights: ClosedRange<Int64>?, days: ClosedRange<UTCDay>?, tipDay: UTCDay?, lastSequence: Int64) {
        self.heights = heights
        self.days = days
        self.tipDay = tipDay
        self.lastSequence = lastSequence
    }

    /// The `all` buckets the chain's blocks fall in.
    public var allBuckets: ClosedRange<Int64>? {
        heights.map { BlockWindowPeriod.all.buckets(covering: $0, origin: 0) }
    }
}

/// The block changes a run has not applied yet: `chain.block_changes` after the cursor.
public struct PendingChanges: Sendable, Equatable {
    /// How many changes (joined and left).
    public var count: Int64
    /// Lowest to highest height of the blocks that joined or left.
    public var heights: ClosedRange<Int64>?
    /// Earliest to latest UTC day of those blocks' times (a left block's time is in its change row).
    public var days: ClosedRange<UTCDay>?

    /// The pending changes as read from the database (tests build them directly).
    public init(count: Int64, heights: ClosedRange<Int64>?, days: ClosedRange<UTCDay>?) {
        self.count = count
        self.heights = heights
        self.days = days
    }

    /// No changes.
    public static let none = PendingChanges(count: 0, heights: nil, days: nil)
}
