/// What one `wallet-stats` run did, for the summary line, `etl.job_runs` and tests.
public struct WalletStatsSummary: Sendable, Equatable {
    /// How the statistics were brought up to date.
    public enum Mode: String, Sendable {
        /// Recomputed from the whole ledger (first run, `--full`, or a reset change log).
        case rebuilt
        /// The changes since the cursor were applied.
        case applied
        /// Nothing new since the last run; distributions were checked.
        case upToDate
    }

    /// Whether the run rebuilt, applied changes, or found nothing new.
    public var mode: Mode = .upToDate
    /// Blocks added to the statistics (all blocks for a rebuild).
    public var blocksJoined = 0
    /// Blocks taken out of the statistics because they left the best chain.
    public var blocksLeft = 0
    /// Ledger rows applied (added plus removed); 0 for a rebuild.
    public var movements = 0
    /// Addresses whose statistics were written (all of them for a rebuild).
    public var addressesChanged = 0
    /// Lowest height applied (0 for a rebuild), nil when no block was.
    public var lowestHeight: Int64?
    /// Highest height applied (the tip for a rebuild), nil when no block was.
    public var highestHeight: Int64?
    /// The change-log position reached.
    public var cursor: Int64 = 0
    /// Addresses in `stats.address_stats` after the run.
    public var addresses = 0
    /// Of those, the ones with a positive balance.
    public var nonemptyAddresses = 0
    /// Distribution tables whose content changed.
    public var distributionsChanged: [String] = []
    /// Time spent applying the changes (or rebuilding) and moving the daily window, for the benchmark.
    public var updateDuration: Duration = .zero
    /// Time spent rebuilding the distribution tables, for the benchmark.
    public var distributionDuration: Duration = .zero

    /// An empty summary, filled in as the run goes.
    public init() {}
}
