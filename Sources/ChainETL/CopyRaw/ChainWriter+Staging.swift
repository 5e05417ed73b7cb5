extension ChainWriter {
    /// Session-local tables the derived rows are copied into before set-based SQL completes them (spent outputs,
    /// input totals, supply). Emptied at every commit, so a failed batch leaves nothing behind.
    static let stagingTables = """
        CREATE TEMP TABLE IF NOT EXISTS staged_blocks (
            height bigint, hash text, prev_hash text, time bigint, size integer, weight integer, tx_count integer,
            difficulty double precision, input_count integer, output_count integer
        ) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS staged_transactions (
            block_height bigint, tx_index integer, txid text, is_coinbase boolean, size integer, vsize integer,
            input_count integer, output_count integer, input_value bigint, output_value bigint, fee bigint
        ) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS staged_inputs (
            block_height bigint, tx_index integer, n integer, txid text, spent_txid text, spent_n integer,
            address text, value bigint, spent_block_height bigint, spent_tx_index integer
        ) ON COMMIT DELETE ROWS;
        """

    /// Copies the batch's rows: outputs straight into `chain.outputs`, and transactions straight into
    /// `chain.transactions` when the batch `isFullyResolved` (every spent value came with the block, so input
    /// totals and fees are known); the rest into the staging tables, or, by `.knownPlaces`, partly straight
    /// into `chain.inputs` (see `SpendRoute`). Inputs go with the place of the transaction they spend where that
    /// is known: in the batch (`SpendsWithinBatch`), else among the `recent` transactions (a guess checked
    /// against the txid when the output is read).
    func stage(_ batch: PreparedBatch, route: SpendRoute, recent: RecentTransactions?) throws -> StagedSpends {
        let blocks = batch.blocks
        try connection.executeScript(Self.stagingTables)
        try connection.copyIn(table: "staged_blocks", columns: [
            "height", "hash", "prev_hash", "time", "size", "weight", "tx_count", "difficulty", "input_count",
            "output_count",
        ]) { writer in
            for rows in blocks {
                let block = rows.block
                writer.append(block.height)
                writer.append(block.hash)
                writer.append(block.previousHash)
                writer.append(block.time)
                writer.append(block.size)
                writer.append(block.weight)
                writer.append(block.transactionCount)
                writer.append(block.difficulty)
                writer.append(rows.inputs.count)
                writer.append(rows.outputs.count)
                try writer.endRow()
            }
        }
        try connection.copyInBinary(table: batch.isFullyResolved ? "chain.transactions" : "staged_transactions", columns: [
            "block_height", "tx_index", "txid", "is_coinbase", "size", "vsize", "input_count", "output_count",
            "input_value", "output_value", "fee",
        ]) { writer in
            for rows in blocks {
                for transaction in rows.transactions {
                    writer.append(int8: transaction.blockHeight)
                    writer.append(int4: transaction.index)
                    writer.append(text: transaction.txid)
                    writer.append(bool: transaction.isCoinbase)
                    writer.append(int4: transaction.size)
                    writer.append(int4: transaction.virtualSize)
                    writer.append(int4: transaction.inputCount)
                    writer.append(int4: transaction.outputCount)
                    writer.append(int8: transaction.inputValue)
                    writer.append(int8: transaction.outputValue)
                    writer.append(int8: transaction.fee)
                    try writer.endRow()
                }
            }
        }
        let spends = batch.spendsWithinBatch
        let settlesWithinBatch = route == .knownPlaces
        try connection.copyInBinary(table: "chain.outputs", columns: [
            "block_height", "tx_index", "n", "txid", "address", "script_type", "value", "spent_height",
        ]) { writer in
            for (rows, spendingHeights) in zip(blocks, spends.spendingHeights) {
                for (output, spendingHeight) in zip(rows.outputs, spendingHeights) {
                    writer.append(int8: output.blockHeight)
                    writer.append(int4: output.transactionIndex)
                    writer.append(int4: output.n)
                    writer.append(text: output.txid)
                    writer.append(text: output.address)
                    writer.append(text: output.scriptType)
                    writer.append(int8: output.value)
                    writer.append(int8: settlesWithinBatch ? spendingHeight : nil)
                    try writer.endRow()
                }
            }
        }
        var staged: [(input: InputRow, place: TransactionPlace?)] = []
        var guessed = 0
        if settlesWithinBatch {
            try connection.copyInBinary(table: "chain.inputs", columns: Self.inputColumns) { writer in
                for (block, rows) in blocks.enumerated() {
                    for (position, input) in rows.inputs.enumerated() {
                        let placeWithinBatch = spends.places[block][position]
                        if let place = placeWithinBatch, let output = spends.spentOutputs[block][position] {
                            try Self.append(input, address: output.address, value: output.value, place: place, to: &writer)
                            continue
                        }
                        let place = placeWithinBatch ?? recent?.place(of: input.spent.txid)
                        if placeWithinBatch == nil, let place, let value = input.value {
                            try Self.append(input, address: input.address, value: value, place: place, to: &writer)
                            guessed += 1
                        } else {
                            staged.append((input, place))
                        }
                    }
                }
            }
        } else {
            for (rows, places) in zip(blocks, spends.places) {
                for (input, placeWithinBatch) in zip(rows.inputs, places) {
                    staged.append((input, placeWithinBatch ?? recent?.place(of: input.spent.txid)))
                }
            }
        }
        if !staged.isEmpty {
            try connection.copyInBinary(table: "staged_inputs", columns: Self.inputColumns) { writer in
                for (input, place) in staged {
                    try Self.append(input, address: input.address, value: input.value, place: place, to: &writer)
                }
            }
        }
        return StagedSpends(copiedWithGuessedPlace: guessed, staged: staged.count)
    }

    /// The columns of an input row, in `chain.inputs` and `staged_inputs` alike.
    private static let inputColumns = [
        "block_height", "tx_index", "n", "txid", "spent_txid", "spent_n", "address", "value", "spent_block_height",
        "spent_tx_index",
    ]

    /// Appends one input row: the spent output's `address` and `value`, where known, and its transaction's
    /// `place`, where known.
    private static func append(
        _ input: InputRow, address: String?, value: Int64?, place: TransactionPlace?,
        to writer: inout PostgresBinaryCopyWriter
    ) throws {
        writer.append(int8: input.blockHeight)
        writer.append(int4: input.transactionIndex)
        writer.append(int4: input.n)
        writer.append(text: input.txid)
        writer.append(text: input.spent.txid)
        writer.append(int4: input.spent.n)
        writer.append(text: address)
        writer.append(int8: value)
        writer.append(int8: place?.blockHeight)
        writer.append(int4: place?.index)
        try writer.endRow()
    }
}

/// How a batch's spends reach `chain.inputs` and `chain.outputs.spent_height`.
enum SpendRoute {
    /// Spends within the batch are settled by the batch itself (input rows complete, outputs copied already
    /// marked spent), and inputs that carry their spent output and spend a recent transaction are copied
    /// straight into `chain.inputs` with its place, to be checked and marked by one statement; only the
    /// rest is staged. For batches whose spends within are regular (`SpendsWithinBatch.areRegular`). Anything
    /// irregular it meets is left to `.staging`, which judges it.
    case knownPlaces
    /// Every input is staged and resolved by the statement that judges every spend, regular or not.
    case staging
}

/// What `stage` did with a batch's inputs.
struct StagedSpends {
    /// Inputs copied into `chain.inputs` with the place of a recent transaction, still to check and mark.
    var copiedWithGuessedPlace: Int
    /// Inputs in `staged_inputs`, still to resolve.
    var staged: Int
}
