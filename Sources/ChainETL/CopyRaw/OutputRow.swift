/// One row of `chain.outputs`. `spent_height` is not here: it depends on later blocks, so SQL sets it when
/// the spending input arrives.
public struct OutputRow: Sendable, Equatable {
    public var blockHeight: Int64
    /// Position of the transaction in the block.
    public var transactionIndex: Int
    /// Position of the output in the transaction (`vout[].n`).
    public var n: Int
    public var txid: String
    /// The address the node reports (`NodeScriptPubKey.reportedAddress`); `nil` for OP_RETURN, bare multisig,
    /// non-standard and, on current nodes, P2PK outputs, which count in supply but belong to no address.
    public var address: String?
    /// The node's own script classification (`pubkeyhash`, `nulldata`, ...).
    public var scriptType: String
    /// Value in base units.
    public var value: Int64
    /// Whether the script can never be spent (`UnspendableScript`): its value is not in the supply.
    public var isUnspendable: Bool

    public init(
        blockHeight: Int64, transactionIndex: Int, n: Int, txid: String, address: String?, scriptType: String,
        value: Int64, isUnspendable: Bool = false
    ) {
        self.blockHeight = blockHeight
        self.transactionIndex = transactionIndex
        self.n = n
        self.txid = txid
        self.address = address
        self.scriptType = scriptType
        self.value = value
        self.isUnspendable = isUnspendable
    }
}
