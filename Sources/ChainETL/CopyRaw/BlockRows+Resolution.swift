extension BlockRows {
    /// The rows with every unresolved input filled from `spentOutput` (when it knows the output reference) and the
    /// transaction totals recomputed.
    ///
    /// copy-raw does this join in SQL against `chain.outputs`; this pure form states the same rule for tests
    /// and for outputs spent within the same block. Inputs `spentOutput` does not know stay `nil`.
    public func resolvingInputs(using spentOutput: (OutputReference) -> SpentOutput?) -> BlockRows {
        var resolved = self
        for position in resolved.inputs.indices where !resolved.inputs[position].isResolved {
            if let output = spentOutput(resolved.inputs[position].spent) {
                resolved.inputs[position].address = output.address
                resolved.inputs[position].value = output.value
            }
        }
        var start = resolved.inputs.startIndex
        for position in resolved.transactions.indices {
            let transaction = resolved.transactions[position]
            let end = start + transaction.inputCount
            // A sum that overflows cannot come from valid outputs; leave the totals unknown rather than wrong.
            let totals = TransactionTotals.of(
                isCoinbase: transaction.isCoinbase, inputs: resolved.inputs[start..<end],
                outputValue: transaction.outputValue)
            resolved.transactions[position].inputValue = totals?.inputValue
            resolved.transactions[position].fee = totals?.fee
            start = end
        }
        return resolved
    }

    /// What this block's own outputs offer to resolution: every output by reference, for inputs that spend
    /// an output of an earlier transaction in the same block.
    public var spendableOutputs: [OutputReference: SpentOutput] {
        var byReference: [OutputReference: SpentOutput] = [:]
        for output in outputs {
            byReference[OutputReference(txid: output.txid, n: output.n)] = SpentOutput(address: output.address, value: output.value)
        }
        return byReference
    }
}
