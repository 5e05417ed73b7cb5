public import ChainETL

/// A block sketched by its transactions' txids and the txids they spend, for tests of how copy-raw places
/// spends: each transaction has one output of 10 base units to `address`, and each input spends output 0 of the
/// txid named. Block hashes are `h<height>`; nothing else about the block matters to those tests.
public enum SketchedBlock {
    /// The rows of such a block at `height`; the first transaction is the coinbase.
    public static func rows(
        _ height: Int64, _ transactions: [(txid: String, spends: [String])], address: String = "addr"
    ) -> BlockRows {
        var transactionRows: [TransactionRow] = []
        var outputs: [OutputRow] = []
        var inputs: [InputRow] = []
        for (index, transaction) in transactions.enumerated() {
            transactionRows.append(TransactionRow(
                blockHeight: height, index: index, txid: transaction.txid, isCoinbase: index == 0, size: nil,
                virtualSize: nil, inputCount: transaction.spends.count, outputCount: 1,
                inputValue: index == 0 ? 0 : nil, outputValue: 10, fee: index == 0 ? 0 : nil))
            outputs.append(OutputRow(
                blockHeight: height, transactionIndex: index, n: 0, txid: transaction.txid, address: address,
                scriptType: "pubkeyhash", value: 10))
            for (n, spent) in transaction.spends.enumerated() {
                inputs.append(InputRow(
                    blockHeight: height, transactionIndex: index, n: n, txid: transaction.txid,
                    spent: OutputReference(txid: spent, n: 0), address: nil, value: nil))
            }
        }
        return BlockRows(
            block: BlockRow(height: height, hash: "h\(height)", previousHash: height == 0 ? nil : "h\(height - 1)",
                            time: 1_000 + height * 600, size: nil, weight: nil, transactionCount: transactions.count,
                            difficulty: 1),
            transactions: transactionRows, outputs: outputs, inputs: inputs)
    }
}
