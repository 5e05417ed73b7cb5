/// A block as `getblock` describes it, generic over how transactions appear: full objects (verbosity 2 and 3)
/// or txids only (verbosity 1 / `true`, the only shape old Dogecoin and Bitcoin Cash nodes give).
///
/// Only the fields the product reads are listed; `JSONDecoder` skips the rest, which keeps decoding fast and
/// makes the model accept every node version from Core 0.17 to 30 and forks that add fields.
public struct NodeBlock<Transaction: Decodable & Sendable>: Decodable, Sendable {
    public var hash: String
    public var height: Int64
    public var version: Int64
    public var merkleroot: String
    public var time: Int64
    public var mediantime: Int64?
    public var nonce: UInt32
    public var bits: String
    public var difficulty: Double
    /// Absent only on the genesis block.
    public var previousblockhash: String?
    /// Absent on nodes older than Core 0.20.
    public var nTx: Int?
    public var size: Int?
    public var strippedsize: Int?
    public var weight: Int?
    public var tx: [Transaction]
}

/// A block with its transactions in full, from `getblock <hash> 2|3` or assembled from `getrawtransaction`.
public typealias VerboseNodeBlock = NodeBlock<NodeTransaction>

/// A block that lists only txids, from `getblock <hash> 1|true`.
public typealias TxidNodeBlock = NodeBlock<String>
