/// How one `aggregate-daily` run behaves; the command line fills it.
public struct AggregateDailyOptions: Sendable {
    /// What a run recomputes.
    public enum Scope: Sendable, Equatable {
        /// The days, blocks and buckets touched by the block changes since the cursor, plus the tip's day and
        /// the day before (the hourly run).
        case changes
        /// Everything, from scratch (`--full`); the result equals what any history of incremental runs gives.
        case full
        /// The UTC days `from...to` and their blocks and buckets (`--from`/`--to`, a manual backfill); an open
        /// end reaches the chain's first or last day. Leaves the cursor alone: the next run still applies the
        /// changes it has not seen.
        case days(from: UTCDay?, to: UTCDay?)
    }

    /// What to recompute.
    public var scope: Scope = .changes
    /// Blocks whose transactions are summed per statement: bounds each statement's work and paces the
    /// progress line of a long first run, inside the one transaction of the run.
    public var blocksPerStatement: Int64 = 2_000
    /// How a serialization failure of the run's transaction is retried.
    public var transactionRetry: TransactionRetryPolicy = .default
    /// How a database session that drops mid-run is reconnected before the run is given up (the run's one
    /// transaction then runs again from the start).
    public var reconnectPolicy = RetryPolicy.reconnecting

    /// The hourly run's defaults.
    public init() {}
}
