/// One row of `chain.inputs`: an input that spends an output (coinbase inputs are not rows).
///
/// `address` and `value` describe the spent output. They are filled here only when the node sent it
/// (`prevout`, verbosity 3); otherwise they stay `nil` and copy-raw resolves them by joining with
/// `chain.outputs` in SQL, which is set-based and needs no extra node calls.
public struct InputRow: Sendable, Equatable {
    public var blockHeight: Int64
    /// Position of the spending transaction in the block.
    public var transactionIndex: Int
    /// Position of the input in the spending transaction.
    public var n: Int
    /// The spending transaction.
    public var txid: String
    /// The output this input spends.
    public var spent: OutputReference
    public var address: String?
    public var value: Int64?

    public init(
        blockHeight: Int64, transactionIndex: Int, n: Int, txid: String, spent: OutputReference, address: String?,
        value: Int64?
    ) {
        self.blockHeight = blockHeight
        self.transactionIndex = transactionIndex
        self.n = n
        self.txid = txid
        self.spent = spent
        self.address = address
        self.value = value
    }

    /// Whether the spent output's value is known yet.
    public var isResolved: Bool { value != nil }
}
