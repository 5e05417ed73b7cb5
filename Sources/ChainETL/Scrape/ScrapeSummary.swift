/// What a scrape run did, for the summary line and `etl.job_runs`.
public struct ScrapeSummary: Sendable, Equatable {
    /// Blocks that joined the best chain in this run.
    public var blocksLanded = 0
    /// Transactions in those blocks.
    public var transactionsLanded = 0
    /// Bytes of node answers stored.
    public var bytesLanded = 0
    /// Lowest and highest height landed.
    public var firstHeight: Int64?
    public var lastHeight: Int64?
    /// Depth of every reorg undone, in order.
    public var reorgDepths: [Int64] = []
    /// Blocks filled into gaps below the tip.
    public var gapBlocksFilled = 0
    /// Blocks fetched again whose stored answer was identical (no-ops) or replaced by a richer one.
    public var blocksUnchanged = 0
    public var blocksRefreshed = 0
    /// The node's tip when the run ended, and the target height.
    public var nodeTip: Int64?
    public var targetHeight: Int64?

    public init() {}

    mutating func recordLanded(_ blocks: [LandedBlock]) {
        for landed in blocks {
            blocksLanded += 1
            transactionsLanded += landed.block.transactionCount
            bytesLanded += landed.byteCount
            firstHeight = min(firstHeight ?? landed.block.height, landed.block.height)
            lastHeight = max(lastHeight ?? landed.block.height, landed.block.height)
        }
    }
}
