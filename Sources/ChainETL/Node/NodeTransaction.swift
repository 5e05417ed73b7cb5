/// A transaction as the node renders it inside `getblock` (verbosity 2/3) or from `getrawtransaction <txid> 1`.
public struct NodeTransaction: Decodable, Sendable {
    public var txid: String
    /// The witness hash; absent on nodes before segwit.
    public var hash: String?
    public var version: Int64
    /// Absent on old Dogecoin answers.
    public var size: Int?
    public var vsize: Int?
    public var weight: Int?
    public var locktime: Int64
    public var vin: [NodeInput]
    public var vout: [NodeOutput]
    /// Present from Core 22 on for non-coinbase transactions when the node has undo data.
    public var fee: NodeAmount?

    /// True for the first transaction of a block, whose single input creates coins.
    public var isCoinbase: Bool {
        vin.count == 1 && vin[0].coinbase != nil
    }
}
