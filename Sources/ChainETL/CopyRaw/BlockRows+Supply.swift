extension BlockRows {
    /// What the block adds to the supply as the node's `gettxoutsetinfo` counts it, before any BIP30 overwrite
    /// (which needs the stored chain): `createdSupply` minus the outputs its inputs spend. Worked out on the
    /// reading thread so the writer need not sum the batch's stored outputs and inputs again in SQL (measured:
    /// those sums took about 1 s of a 300-block load). Nil while an input's value is unknown, or if the sum
    /// leaves `Int64`.
    var supplyChange: Int64? {
        guard var change = createdSupply else { return nil }
        for input in inputs {
            guard let value = input.value else { return nil }
            let (difference, overflow) = change.subtractingReportingOverflow(value)
            guard !overflow else { return nil }
            change = difference
        }
        return change
    }

    /// What the block's outputs add to the supply: all but the unspendable ones (OP_RETURN, whatever type the
    /// node gives the script, and oversized scripts), none at all for the genesis block (its coinbase is
    /// unspendable). Known from the block alone, whatever the node sent about the inputs; the stored rows could
    /// not tell, since `chain.outputs` keeps the node's type name but not the script. Nil if the sum leaves `Int64`.
    var createdSupply: Int64? {
        guard block.height > 0 else { return 0 }
        var created: Int64 = 0
        for output in outputs where !output.isUnspendable {
            let (sum, overflow) = created.addingReportingOverflow(output.value)
            guard !overflow else { return nil }
            created = sum
        }
        return created
    }
}
