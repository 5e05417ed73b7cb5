extension ChainWriter {
    /// Checks and marks the outputs spent by the inputs `stage` copied into `chain.inputs` with the place of a
    /// recent transaction (the batch's inputs whose spent place lies below it), in one statement: each output
    /// is read through the primary key at that place, its txid compared, and marked spent by its row address.
    /// It must run before the staged inputs are resolved, which adds rows of the batch to `chain.inputs` too.
    ///
    /// The marking is driven by the unnested row addresses, which the planner can only fetch one by one. Joined
    /// with the spends directly, it trusted the statistics of `chain.inputs`, which early in a load say a
    /// batch has one row, and re-checked every row against the whole list of addresses (measured: 4 to 6 s for
    /// some batches of 41,000 inputs instead of 0.5 s).
    ///
    /// Throws `KnownPlacesDeclined` unless every such input found its output at that place, still unspent,
    /// holding what the node's `prevout` says (when `spent_output_known` is on), and no two of them spend the
    /// same output: the staging route then resolves the whole batch again and names what is wrong, if anything.
    func markSpentAtGuessedPlaces(_ heights: BatchHeights, rules: ValidationRules) throws {
        let rows = try connection.query("""
            WITH spends AS MATERIALIZED (
                SELECT i.block_height, i.address, i.value, o.output_row, o.address AS own_address,
                       o.value AS own_value, o.spent_height AS earlier_spend_height
                FROM chain.inputs i
                LEFT JOIN LATERAL (
                    SELECT o.ctid AS output_row, o.address, o.value, o.spent_height FROM chain.outputs o
                    WHERE o.block_height = i.spent_block_height AND o.tx_index = i.spent_tx_index
                      AND o.n = i.spent_n AND o.txid = i.spent_txid
                    LIMIT 1
                ) o ON true
                WHERE i.block_height BETWEEN $1 AND $2 AND i.spent_block_height < $1
            ), marked AS (
                UPDATE chain.outputs o SET spent_height = m.block_height
                FROM (
                    SELECT array_agg(output_row) AS output_rows, array_agg(block_height) AS block_heights
                    FROM spends WHERE output_row IS NOT NULL
                ) a
                CROSS JOIN LATERAL unnest(a.output_rows, a.block_heights) AS m(output_row, block_height)
                WHERE o.ctid = m.output_row
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM spends), (SELECT count(*) FROM marked),
                   EXISTS (SELECT 1 FROM spends
                           WHERE output_row IS NULL OR earlier_spend_height IS NOT NULL
                              OR ($3 AND (own_value <> value OR own_address IS DISTINCT FROM address)))
            """, [heights.first, heights.last, rules.checks(.spentOutputKnown)])
        let row = rows[0]
        guard try row.int(0) == row.int(1), try !row.bool(2) else { throw KnownPlacesDeclined() }
    }
}

/// The `.knownPlaces` route met a spend it does not settle; `ChainWriter.append` rolls back to its savepoint
/// and writes the batch by `.staging`. Never leaves the writer.
struct KnownPlacesDeclined: Error {}
