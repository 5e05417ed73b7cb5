extension BlockRows {
    /// Derives the rows of `block` (full transactions, as verbosity 2 or 3 or assembled from
    /// `getrawtransaction`), converting every amount to base units with `amounts`.
    ///
    /// Inputs carry the spent output's address and value when the node sent `prevout`; when it also sent
    /// `fee`, the two must agree, because a disagreement means the node's view and ours differ.
    public init(block: VerboseNodeBlock, amounts: AmountRules) throws(NodeDataError) {
        self.init(
            block: BlockRow(
                height: block.height, hash: block.hash, previousHash: block.previousblockhash, time: block.time,
                size: block.size, weight: block.weight, transactionCount: block.tx.count,
                difficulty: block.difficulty),
            transactions: [], outputs: [], inputs: [])
        transactions.reserveCapacity(block.tx.count)
        for (index, transaction) in block.tx.enumerated() {
            try append(transaction, at: index, of: block, amounts: amounts)
        }
    }

    private mutating func append(
        _ transaction: NodeTransaction, at index: Int, of block: VerboseNodeBlock, amounts: AmountRules
    ) throws(NodeDataError) {
        let place = "tx[\(index)]"
        var outputValue: Int64 = 0
        for output in transaction.vout {
            let value = try amounts.baseUnits(of: output.value, field: "\(place).vout[\(output.n)].value", block: block)
            let (total, overflow) = outputValue.addingReportingOverflow(value)
            if overflow { throw overflowError(place, block) }
            outputValue = total
            outputs.append(OutputRow(
                blockHeight: block.height, transactionIndex: index, n: output.n, txid: transaction.txid,
                address: output.scriptPubKey.reportedAddress, scriptType: output.scriptPubKey.type, value: value,
                isUnspendable: UnspendableScript.contains(hex: output.scriptPubKey.hex)))
        }
        let firstInput = inputs.count
        if !transaction.isCoinbase {
            for (n, input) in transaction.vin.enumerated() {
                guard let spentTxid = input.txid, let spentN = input.vout else {
                    throw NodeDataError(
                        height: block.height, hash: block.hash, field: "\(place).vin[\(n)]",
                        problem: "names no spent output (txid and vout) outside a coinbase")
                }
                let value = try input.prevout.map { prevout throws(NodeDataError) in
                    try amounts.baseUnits(of: prevout.value, field: "\(place).vin[\(n)].prevout.value", block: block)
                }
                inputs.append(InputRow(
                    blockHeight: block.height, transactionIndex: index, n: n, txid: transaction.txid,
                    spent: OutputReference(txid: spentTxid, n: spentN),
                    address: input.prevout?.scriptPubKey.reportedAddress, value: value))
            }
        }
        guard let totals = TransactionTotals.of(
            isCoinbase: transaction.isCoinbase, inputs: inputs[firstInput...], outputValue: outputValue)
        else { throw overflowError(place, block) }
        if let reported = transaction.fee, let fee = totals.fee, !transaction.isCoinbase {
            let units = try amounts.baseUnits(of: reported, field: "\(place).fee", block: block)
            guard units == fee else {
                throw NodeDataError(
                    height: block.height, hash: block.hash, field: "\(place).fee",
                    problem: "is \(units) base units, but inputs minus outputs give \(fee)")
            }
        }
        transactions.append(TransactionRow(
            blockHeight: block.height, index: index, txid: transaction.txid, isCoinbase: transaction.isCoinbase,
            size: transaction.size, virtualSize: transaction.vsize, inputCount: inputs.count - firstInput,
            outputCount: transaction.vout.count, inputValue: totals.inputValue, outputValue: outputValue,
            fee: totals.fee))
    }

    private func overflowError(_ place: String, _ block: VerboseNodeBlock) -> NodeDataError {
        NodeDataError(
            height: block.height, hash: block.hash, field: place,
            problem: "its amounts add up beyond the 64-bit limit, which no valid transaction can")
    }
}
