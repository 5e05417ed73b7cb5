/// One row of `chain.blocks`: the header facts a front end shows for a block, taken from the node's answer so
/// the analytics database never has to read the landing zone's JSON again.
public struct BlockRow: Sendable, Equatable {
    public var height: Int64
    public var hash: String
    /// `nil` only for the genesis block.
    public var previousHash: String?
    /// Header time, seconds since 1970 (UTC).
    public var time: Int64
    /// Bytes of the serialised block; `nil` when the node did not say.
    public var size: Int?
    /// Block weight; `nil` on nodes and chains without segwit accounting (old Dogecoin, Bitcoin Cash).
    public var weight: Int?
    public var transactionCount: Int
    /// Difficulty is a ratio for statistics (hashrate), not money, so a `Double` is the right type here.
    public var difficulty: Double

    public init(
        height: Int64, hash: String, previousHash: String?, time: Int64, size: Int?, weight: Int?,
        transactionCount: Int, difficulty: Double
    ) {
        self.height = height
        self.hash = hash
        self.previousHash = previousHash
        self.time = time
        self.size = size
        self.weight = weight
        self.transactionCount = transactionCount
        self.difficulty = difficulty
    }
}
