import ChainETL

/// A generated block with everything the RPC answers need that the block itself does not say: height,
/// per-transaction digests, the coins its inputs spent (undo data, for `fee` and `prevout`), chainwork
/// and median time past. Blocks of abandoned branches stay stored so they can be fetched by hash.
struct StoredBlock: Sendable {
    var block: Block
    var hash: Hash256
    var height: Int
    var digests: [TransactionDigest]
    /// Per transaction, the coins its inputs spent (empty for the coinbase).
    var spentCoins: [[Coin]]
    /// Per transaction and output, the pool key that owns it (-1 for OP_RETURN), to replay the block.
    var outputKeys: [[Int32]]
    /// Per transaction, inputs minus outputs (0 for the coinbase).
    var fees: [Int64]
    var size: Int
    var strippedSize: Int
    var chainwork: UInt256
    var medianTimePast: UInt32

    var weight: Int { strippedSize * 3 + size }
}
