/// How one `copy-raw` run works: what to do besides the incremental copy, and how big each commit is.
public struct CopyRawOptions: Sendable {
    /// Empty the chain tables and derive them again from the whole landing zone (after a fix or a definition
    /// change). Downstream tools start over on their next run.
    public var rebuild = false
    /// After copying, delete landed blocks older than this many seconds that are fully applied (nil: keep all).
    public var pruneRawOlderThanSeconds: Int64?
    /// Transactions per commit: big enough that per-commit costs vanish, small enough that a crash loses
    /// little work and memory stays bounded. The first batches of each read of events are smaller (an eighth
    /// of this, then doubling), so writing starts before a whole batch has been read.
    public var transactionsPerCommit = 20_000
    /// Blocks per commit, for chains of small blocks.
    public var blocksPerCommit = 500
    /// Events read from `raw.chain_events` at a time.
    public var eventsPerRead = 5_000
    /// Retries of reads from the raw database (which may be a remote server that drops connections).
    public var retryPolicy = RetryPolicy()
    /// How a database session that drops mid-run is reconnected, the lock taken again and the run continued
    /// from its last commit, before the run is given up.
    public var reconnectPolicy = RetryPolicy.reconnecting

    public init() {}
}
