/// Everything copy-raw writes to the `chain` tables for one block, derived from the node's answer alone.
///
/// Pure (no database) so that parity with other tools and every edge case (BIP30 duplicates, old address
/// shapes, missing sizes) is testable from recordings. Rows refer to transactions by (height, index), never
/// by txid, because txids repeat (BIP30).
public struct BlockRows: Sendable, Equatable {
    public var block: BlockRow
    /// In block order.
    public var transactions: [TransactionRow]
    /// In block order, then output order.
    public var outputs: [OutputRow]
    /// Spending inputs only, in block order, then input order.
    public var inputs: [InputRow]

    public init(block: BlockRow, transactions: [TransactionRow], outputs: [OutputRow], inputs: [InputRow]) {
        self.block = block
        self.transactions = transactions
        self.outputs = outputs
        self.inputs = inputs
    }

    /// Whether every input already knows the output it spends, so no SQL resolution is needed.
    public var isFullyResolved: Bool {
        inputs.allSatisfy(\.isResolved)
    }
}
