extension ChainWriter {
    /// Takes the tip block out of every chain table because it left the best chain: its ledger rows move to
    /// `chain.departed_movements` under a 'left' change, the outputs it spent become unspent again, and its rows
    /// go. Returns false when the block is not stored (nothing to undo). A block that is stored but is not the
    /// tip cannot leave first; that throws.
    @discardableResult
    public func remove(height: Int64, hash: String) throws -> Bool {
        guard let tip = try tip() else { return false }
        guard tip.height == height, tip.hash == hash else {
            let stored = try connection.query(
                "SELECT 1 FROM chain.blocks WHERE height = $1 AND hash = $2", [height, hash])
            guard stored.isEmpty else {
                throw ChainTablesOutOfStepError(
                    height: height, hash: hash, problem: "it is leaving the best chain but is not the tip of chain.blocks")
            }
            return false
        }
        try connection.execute("""
            WITH change AS (
                INSERT INTO chain.block_changes (change, height, hash, time)
                SELECT 'left', height, hash, time FROM chain.blocks WHERE height = $1
                RETURNING sequence
            ), departed AS (
                DELETE FROM chain.address_movements WHERE block_height = $1
                RETURNING block_height, tx_index, address, received, sent
            )
            INSERT INTO chain.departed_movements (change_sequence, block_height, tx_index, address, received, sent)
            SELECT change.sequence, departed.block_height, departed.tx_index, departed.address, departed.received,
                   departed.sent
            FROM departed CROSS JOIN change
            """, [height])
        try connection.execute("""
            UPDATE chain.outputs o SET spent_height = NULL
            FROM chain.inputs i
            WHERE i.block_height = $1
              AND o.block_height = i.spent_block_height AND o.tx_index = i.spent_tx_index AND o.n = i.spent_n
            """, [height])
        for table in ["chain.inputs", "chain.outputs", "chain.transactions"] {
            try connection.execute("DELETE FROM \(table) WHERE block_height = $1", [height])
        }
        try connection.execute("DELETE FROM chain.blocks WHERE height = $1", [height])
        return true
    }
}
