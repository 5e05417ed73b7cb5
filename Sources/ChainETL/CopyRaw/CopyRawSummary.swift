/// What a `copy-raw` run did, for the summary line and `etl.job_runs`.
public struct CopyRawSummary: Sendable, Equatable {
    /// Blocks written to the chain tables.
    public var blocksCopied = 0
    /// Blocks taken out because they left the best chain.
    public var blocksRemoved = 0
    /// Transactions written.
    public var transactionsCopied = 0
    /// Lowest and highest height written.
    public var firstHeight: Int64?
    public var lastHeight: Int64?
    /// Landed blocks deleted by `--prune-raw-older-than`.
    public var blocksPruned = 0

    public init() {}

    mutating func recordCopied(_ blocks: some Collection<BlockRows>) {
        for rows in blocks {
            blocksCopied += 1
            transactionsCopied += rows.transactions.count
            firstHeight = min(firstHeight ?? rows.block.height, rows.block.height)
            lastHeight = max(lastHeight ?? rows.block.height, rows.block.height)
        }
    }
}
