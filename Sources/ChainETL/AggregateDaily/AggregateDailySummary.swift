/// What an `aggregate-daily` run did, for the summary line and `etl.job_runs`.
public struct AggregateDailySummary: Sendable, Equatable {
    /// Block changes applied (joined and left), i.e. how far the cursor moved in log entries.
    public var changesApplied: Int64 = 0
    /// Heights whose per-block totals were summed again.
    public var blockHeights: ClosedRange<Int64>?
    /// Days recomputed.
    public var days: ClosedRange<UTCDay>?
    /// `all` buckets recomputed.
    public var allBuckets: ClosedRange<Int64>?
    /// Whether the week and month windows were recomputed.
    public var recomputedMovingWindows = false
    /// Rows inserted, updated or deleted across the stats tables (0 when nothing changed).
    public var rowsWritten = 0
    /// The cursor after the run.
    public var cursor: Int64 = 0
    /// Whether the change log had restarted below the cursor, so everything was recomputed.
    public var restartedAfterLogReset = false

    /// An empty summary, filled as the run goes.
    public init() {}

    /// Blocks whose totals were recomputed.
    public var blocksRecomputed: Int { blockHeights?.count ?? 0 }
    /// Days recomputed.
    public var daysRecomputed: Int { days.map { $0.lowerBound.distance(to: $0.upperBound) + 1 } ?? 0 }
}
