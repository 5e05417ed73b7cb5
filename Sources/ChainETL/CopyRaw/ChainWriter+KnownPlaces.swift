extension ChainWriter {
    /// Checks and marks the `count` outputs spent by the inputs `stage` copied into `chain.inputs` with the place
    /// of a recent transaction (the batch's inputs whose spent place lies below it), in one statement: each
    /// output is found through the primary key at that place and marked spent only if it holds the txid, is
    /// still unspent and agrees with the node's `prevout` (when `spent_output_known` is on). It must run before
    /// the staged inputs are resolved, which adds rows of the batch to `chain.inputs` too.
    ///
    /// An UPDATE joined with the inputs visits each output once, where reading the outputs first and marking
    /// them by row address afterwards visited each twice (measured: a quarter less time for one batch replayed,
    /// 15.0 s against 13.2 s over a load of 300 mainnet-shaped blocks). Hash and merge joins are off for this
    /// statement only: with fresh statistics the planner prefers hashing every unspent output of the table to
    /// probing a few tens of thousands by key, and with stale ones (early in a load a batch looks like one row)
    /// any plan may come out. One probe per input is right at every size.
    ///
    /// Throws `KnownPlacesDeclined` unless all `count` outputs were marked: an output not at its guessed place,
    /// already spent, disagreeing with the `prevout`, or spent twice in the batch (an UPDATE marks a row once)
    /// leaves one unmarked. The staging route then resolves the whole batch again and names what is wrong.
    func markSpentAtGuessedPlaces(_ heights: BatchHeights, count: Int, rules: ValidationRules) throws {
        try connection.executeScript("SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off")
        let marked = try connection.execute(
            Self.markSpentAtGuessedPlacesSQL, [heights.first, heights.last, rules.checks(.spentOutputKnown)])
        try connection.executeScript("RESET enable_hashjoin; RESET enable_mergejoin")
        guard marked == count else { throw KnownPlacesDeclined() }
    }

    /// The mark for the batch's heights $1...$2, checking value and address against the `prevout` when $3;
    /// a spend of an address an older node printed is left unmarked whatever $3, for the staging route.
    ///
    /// The inputs are sorted by the place they spend before the probes, so consecutive probes walk the primary
    /// key and the heap in order and mostly land on pages the one before just read. In the inputs' own order
    /// every probe lands somewhere else among the recent outputs (measured over a load of 300 mainnet-shaped
    /// blocks: 9.1–9.6 s against 8.3–8.9 s for this statement, four runs each, interleaved; the sort of a batch's
    /// 36,000 inputs takes about 30 ms of that).
    static let markSpentAtGuessedPlacesSQL = """
        UPDATE chain.outputs o SET spent_height = i.block_height
        FROM (
            SELECT block_height, spent_block_height, spent_tx_index, spent_n, spent_txid, value, address
            FROM chain.inputs
            WHERE block_height BETWEEN $1 AND $2 AND spent_block_height < $1
            ORDER BY spent_block_height, spent_tx_index, spent_n
        ) i
        WHERE o.block_height = i.spent_block_height AND o.tx_index = i.spent_tx_index AND o.n = i.spent_n
          AND o.txid = i.spent_txid AND o.spent_height IS NULL
          AND (NOT $3 OR (o.value = i.value AND o.address IS NOT DISTINCT FROM i.address))
          -- A P2PK or bare multisig output an older node gave an address, spent with a prevout that has none:
          -- the input must debit our address, which only the staging route writes, whatever the rules.
          AND NOT (i.address IS NULL AND o.address IS NOT NULL AND o.script_type IN ('pubkey', 'multisig'))
        """
}

/// The `.knownPlaces` route met a spend it does not settle; `ChainWriter.append` rolls back to its savepoint
/// and writes the batch by `.staging`. Never leaves the writer.
struct KnownPlacesDeclined: Error {}
