/// Why a rebuild left the top tables as they were: `stats.address_stats` matches no block of the current chain,
/// so any new content would mix balances of one chain with blocks of another.
public enum TopTablesHoldback: Sendable, Equatable {
    /// A block the balances count has left the best chain at `height`, and wallet-stats has not applied it.
    case walletStatsBeforeReorganisation(height: Int64)
    /// The chain has blocks but wallet-stats has counted none of them since they were copied.
    case walletStatsNotRun

    /// One line for the log: what happened and what to run.
    public var message: String {
        switch self {
        case .walletStatsBeforeReorganisation(let height):
            return "top tables left as they were: stats.address_stats still counts a block at height \(height) that "
                + "has left the best chain; run wallet-stats, then build-top10"
        case .walletStatsNotRun:
            return "top tables left as they were: stats.address_stats counts none of the blocks in chain.blocks; "
                + "run wallet-stats, then build-top10"
        }
    }
}
