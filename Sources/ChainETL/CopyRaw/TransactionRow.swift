/// One row of `chain.transactions`, keyed by its place in the block rather than by txid, because two
/// coinbases may share a txid (BIP30) and must stay two rows.
public struct TransactionRow: Sendable, Equatable {
    public var blockHeight: Int64
    /// Position in the block, 0 for the coinbase.
    public var index: Int
    public var txid: String
    public var isCoinbase: Bool
    /// `nil` when the node did not say (old Dogecoin answers).
    public var size: Int?
    public var virtualSize: Int?
    /// Inputs that spend an output; a coinbase has 0 (its input creates coins and is not a row).
    public var inputCount: Int
    public var outputCount: Int
    /// Sum of the spent outputs' values; 0 for a coinbase; `nil` until every spent value is known (the node
    /// gave no `prevout`, so copy-raw resolves it against `chain.outputs` in SQL).
    public var inputValue: Int64?
    public var outputValue: Int64
    /// Inputs minus outputs; 0 for a coinbase (SPEC Definitions); `nil` while `inputValue` is.
    public var fee: Int64?

    public init(
        blockHeight: Int64, index: Int, txid: String, isCoinbase: Bool, size: Int?, virtualSize: Int?,
        inputCount: Int, outputCount: Int, inputValue: Int64?, outputValue: Int64, fee: Int64?
    ) {
        self.blockHeight = blockHeight
        self.index = index
        self.txid = txid
        self.isCoinbase = isCoinbase
        self.size = size
        self.virtualSize = virtualSize
        self.inputCount = inputCount
        self.outputCount = outputCount
        self.inputValue = inputValue
        self.outputValue = outputValue
        self.fee = fee
    }
}
