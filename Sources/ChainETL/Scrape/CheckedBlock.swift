/// What scrape keeps about a block once its answer passed every check: the facts it needs to link the chain
/// and to report counts, without holding on to the decoded transactions.
public struct CheckedBlock: Sendable, Equatable {
    public var height: Int64
    public var hash: String
    /// `nil` only for the genesis block.
    public var previousHash: String?
    /// Header time, seconds since 1970 (UTC).
    public var time: Int64
    public var transactionCount: Int
    /// Inputs that spend an output (coinbase inputs are not counted).
    public var inputCount: Int
    public var outputCount: Int
    /// Whether every spending input carries the spent output (verbosity 3).
    public var hasPrevouts: Bool
}
