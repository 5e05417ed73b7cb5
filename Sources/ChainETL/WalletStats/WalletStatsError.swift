/// What stops `wallet-stats` besides database and lock errors, each with where it happened and what to do.
public enum WalletStatsError: ChainETLError, Equatable {
    /// `chain.block_changes` says a block joined, but `chain.blocks` holds another block (or none) at its height:
    /// copy-raw's tables are out of step with its own change log.
    case changeLogOutOfStep(height: Int64, hash: String, location: String)
    /// Applying the changes would leave an address with a negative balance or transaction count, or the
    /// statistics and the ledger disagree in another way: the statistics were changed outside wallet-stats.
    case statisticsDisagree(address: String, problem: String, location: String)
    /// The labels file could not be read.
    case unreadableLabelFile(path: String, reason: String)
    /// An address given on the command line is not one an address could be.
    case invalidAddress(String, reason: String)

    public var exitStatus: ExitStatus {
        switch self {
        case .changeLogOutOfStep, .statisticsDisagree: return .failure
        case .unreadableLabelFile, .invalidAddress: return .usage
        }
    }

    public var description: String {
        switch self {
        case .changeLogOutOfStep(let height, let hash, let location):
            return "chain.block_changes on \(SecretMasking.masked(location)) says block \(hash) joined at height \(height), "
                + "but chain.blocks holds another block there; nothing was changed: run copy-raw again, and if this "
                + "persists rebuild the chain tables with copy-raw"
        case .statisticsDisagree(let address, let problem, let location):
            return "stats.address_stats on \(SecretMasking.masked(location)) disagrees with the ledger for address "
                + "\(address) (\(problem)); nothing was changed: run `wallet-stats --full` to recompute from the ledger"
        case .unreadableLabelFile(let path, let reason):
            return "cannot read labels file \(path): \(reason); check the path and its permissions"
        case .invalidAddress(let address, let reason):
            return "'\(address)' is not an address: \(reason); give the address as the node reports it"
        }
    }
}
