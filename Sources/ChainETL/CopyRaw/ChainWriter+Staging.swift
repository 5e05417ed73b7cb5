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

    /// Copies the batch's rows: outputs straight into `chain.outputs` (nothing about them needs completing), and
    /// transactions straight into `chain.transactions` when `transactionsComplete` (every spent value came with
    /// the block, so input totals and fees are known); the rest into the staging tables. Inputs go with the
    /// place of the transaction they spend where that is known: in the batch (`SpendsWithinBatch`), else among
    /// the `recent` transactions (a guess the resolving statement checks against the txid).
    func stage(_ batch: PreparedBatch, transactionsComplete: Bool, recent: RecentTransactions?) throws {
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
        try connection.copyIn(table: transactionsComplete ? "chain.transactions" : "staged_transactions", columns: [
            "block_height", "tx_index", "txid", "is_coinbase", "size", "vsize", "input_count", "output_count",
            "input_value", "output_value", "fee",
        ]) { writer in
            for rows in blocks {
                for transaction in rows.transactions {
                    writer.append(transaction.blockHeight)
                    writer.append(transaction.index)
                    writer.append(transaction.txid)
                    writer.append(transaction.isCoinbase)
                    writer.append(transaction.size)
                    writer.append(transaction.virtualSize)
                    writer.append(transaction.inputCount)
                    writer.append(transaction.outputCount)
                    writer.append(transaction.inputValue)
                    writer.append(transaction.outputValue)
                    writer.append(transaction.fee)
                    try writer.endRow()
                }
            }
        }
        try connection.copyIn(table: "chain.outputs", columns: [
            "block_height", "tx_index", "n", "txid", "address", "script_type", "value",
        ]) { writer in
            for rows in blocks {
                for output in rows.outputs {
                    writer.append(output.blockHeight)
                    writer.append(output.transactionIndex)
                    writer.append(output.n)
                    writer.append(output.txid)
                    writer.append(output.address)
                    writer.append(output.scriptType)
                    writer.append(output.value)
                    try writer.endRow()
                }
            }
        }
        try connection.copyIn(table: "staged_inputs", columns: [
            "block_height", "tx_index", "n", "txid", "spent_txid", "spent_n", "address", "value", "spent_block_height",
            "spent_tx_index",
        ]) { writer in
            for (rows, places) in zip(blocks, batch.placesWithinBatch) {
                for (input, placeWithinBatch) in zip(rows.inputs, places) {
                    let place = placeWithinBatch ?? recent?.place(of: input.spent.txid)
                    writer.append(input.blockHeight)
                    writer.append(input.transactionIndex)
                    writer.append(input.n)
                    writer.append(input.txid)
                    writer.append(input.spent.txid)
                    writer.append(input.spent.n)
                    writer.append(input.address)
                    writer.append(input.value)
                    writer.append(place?.blockHeight)
                    writer.append(place?.index)
                    try writer.endRow()
                }
            }
        }
    }
}
