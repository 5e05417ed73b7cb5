/// How one scrape run behaves; the command line fills it.
public struct ScrapeOptions: Sendable {
    /// Stay this many blocks below the node's tip, so shallow reorgs never reach the landing zone.
    public var confirmations: Int64 = 0
    /// First height to fetch again (`--from`); nil continues after the stored tip.
    public var from: Int64?
    /// Last height to fetch (`--to`); nil goes to the node's tip minus `confirmations`.
    public var to: Int64?
    /// The deepest reorg undone automatically (`--max-reorg-depth`).
    public var maximumReorgDepth: Int64 = Self.defaultMaximumReorgDepth
    /// Requests in flight at the node; keep it at or below the node's `rpcthreads`.
    public var concurrency: Int = 4
    /// Blocks fetched ahead of the one being stored; bounds memory when blocks are small.
    public var window: Int = 16
    /// Bytes of fetched answers held ahead of the one being stored (at least one block is always fetched);
    /// bounds memory when blocks are large: 16 mainnet blocks are ~150 MB.
    public var windowBytes: Int = 24 << 20
    /// Blocks per transaction at most; each block still commits whole with its events.
    public var blocksPerCommit: Int = 100
    /// Bytes of answers per transaction at most; a few large blocks per commit already make the commit's own
    /// cost negligible, and every byte waiting here is memory.
    public var bytesPerCommit: Int = 16 << 20
    /// How transient node failures are retried before the run gives up.
    public var retryPolicy = RetryPolicy()
    /// How a database session that drops mid-run is reconnected, the lock taken again and the run continued
    /// from its last commit, before the run is given up.
    public var reconnectPolicy = RetryPolicy.reconnecting

    /// `--max-reorg-depth` when not given, and how many blocks below its tip the landing zone always keeps when
    /// copy-raw prunes it, so a reorg that deep can still be found and undone.
    public static let defaultMaximumReorgDepth: Int64 = 100

    public init() {}
}
