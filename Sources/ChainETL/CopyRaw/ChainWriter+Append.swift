extension ChainWriter {
    /// Appends `blocks`, consecutive heights on top of the current tip, with everything that depends on them:
    /// each input resolved to the output it spends (prevout or our own outputs, earlier blocks of the same batch
    /// included), spent outputs marked, transaction totals, the ledger, the running supply and a 'joined' change
    /// per block. Throws `BlockValidationFailure` for the first block an enabled rule refuses; the caller's
    /// transaction must then roll back.
    public func append(_ blocks: [BlockRows], rules: ValidationRules, totalsFromRows: Bool = true) throws {
        try append(PreparedBatch(blocks), rules: rules, totalsFromRows: totalsFromRows)
    }

    /// `append(_:rules:totalsFromRows:)` for a batch prepared beforehand, on another thread. `recent` are the
    /// transactions the caller committed lately, whose places spare their spenders the txid index.
    /// `totalsFromRows: false` derives the ledger and the supply in SQL even when the rows could give them, and
    /// `route: .staging` resolves every spend in SQL (for tests that compare the two).
    ///
    /// A batch goes by `.knownPlaces` when its spends within are regular. Should that route meet a spend it
    /// does not settle (a guessed place that is not the output's, an output spent twice, a prevout that
    /// disagrees), it rolls back to a savepoint and the batch goes again by `.staging`, whose verdict stands.
    /// Returns the route the batch went by.
    @discardableResult
    func append(
        _ batch: PreparedBatch, rules: ValidationRules, recent: RecentTransactions? = nil, totalsFromRows: Bool = true,
        route: SpendRoute = .knownPlaces
    ) throws -> SpendRoute {
        if route == .knownPlaces, batch.spendsWithinBatch.areRegular {
            try connection.execute("SAVEPOINT known_places")
            do {
                try append(batch, rules: rules, recent: recent, totalsFromRows: totalsFromRows, by: .knownPlaces)
                try connection.execute("RELEASE SAVEPOINT known_places")
                return .knownPlaces
            } catch is KnownPlacesDeclined {
                try connection.execute("ROLLBACK TO SAVEPOINT known_places")
            }
        }
        try append(batch, rules: rules, recent: recent, totalsFromRows: totalsFromRows, by: .staging)
        return .staging
    }

    private func append(
        _ batch: PreparedBatch, rules: ValidationRules, recent: RecentTransactions?, totalsFromRows: Bool,
        by route: SpendRoute
    ) throws {
        let blocks = batch.blocks
        guard let first = blocks.first, let last = blocks.last else { return }
        try checkLinks(of: blocks)
        let spends = try stage(batch, route: route, recent: recent)
        let heights = BatchHeights(first: first.block.height, last: last.block.height, blocks: blocks)
        var addressesFromOlderNode = false
        switch route {
        case .knownPlaces:
            if spends.copiedWithGuessedPlace > 0 {
                try markSpentAtGuessedPlaces(heights, count: spends.copiedWithGuessedPlace, rules: rules)
            }
            if spends.staged > 0 {
                do {
                    addressesFromOlderNode = try resolveInputsMarkingSpent(heights, rules: rules)
                } catch is BlockValidationFailure {
                    // Judged against spends this route already marked; the staging route judges it alone.
                    throw KnownPlacesDeclined()
                }
            }
        case .staging:
            addressesFromOlderNode = try resolveInputsMarkingSpent(heights, rules: rules)
        }
        if !batch.isFullyResolved { try storeTransactions(heights) }
        if rules.checks(.outputsWithinInputs) { try checkFees(heights) }
        if rules.checks(.coinbaseWithinReward) { try checkCoinbases(heights, rules: rules) }
        if totalsFromRows, !addressesFromOlderNode, let movements = batch.movements {
            try copyMovements(movements)
        } else {
            try storeMovements(heights)
        }
        try storeBlocks(
            heights, supplyChanges: totalsFromRows ? batch.supplyChanges : nil, createdSupplies: batch.createdSupplies)
    }

    /// Refuses blocks that do not extend the stored tip one by one: the change log and the tables disagree,
    /// which only a manual edit can cause.
    private func checkLinks(of blocks: [BlockRows]) throws {
        var expected = try tip()
        for rows in blocks {
            let block = rows.block
            if let (height, hash) = expected {
                guard block.height == height + 1, block.previousHash == hash else {
                    throw ChainTablesOutOfStepError(
                        height: block.height, hash: block.hash,
                        problem: "it does not extend the tip of chain.blocks (height \(height), \(hash))")
                }
            }
            expected = (block.height, block.hash)
        }
    }

    /// Fills each staged input from the output it spends, stores it in `chain.inputs` and sets that output's
    /// `spent_height`, in one statement. The output belongs to the latest transaction with the spent txid before
    /// the input's place in the chain: of two BIP30 duplicates, the spendable one. Where staging knew that
    /// transaction's place (in the batch, or among the recent ones) the output is read through the primary key
    /// and its txid compared; otherwise, or when the txid differs, the place costs one probe of the
    /// `transactions_txid_idx` hash index first. The output is then marked spent by its row address. Each lookup
    /// is a `LATERAL … LIMIT 1`, so the planner cannot turn it into a scan of a whole table, whatever it guesses
    /// about the staged rows.
    ///
    /// Nothing is written if any input is unresolvable, contradicts the node's `prevout`, or spends an output
    /// an earlier block already spent: the first such input in chain order is refused. Two inputs of the batch
    /// spending the same output mark it once; the shortfall is then blamed on the later of them.
    ///
    /// The transactions with the spent txid are fetched inside `OFFSET 0`, which the planner plans on its own:
    /// with `ORDER BY … LIMIT 1` directly on the table, and no statistics yet early in a load, it walked the
    /// primary key backwards from the input filtering on txid (measured: the first two batches of a load took
    /// 20 s and 61 s instead of 1.4 s).
    ///
    /// Returns true when some input took its address from our output instead of its `prevout` (P2PK spent
    /// after a node upgrade), so the ledger must come from the stored rows, not from the batch's own.
    private func resolveInputsMarkingSpent(_ heights: BatchHeights, rules: ValidationRules) throws -> Bool {
        let rows = try connection.query("""
            WITH resolved AS MATERIALIZED (
                SELECT s.block_height, s.tx_index, s.n, s.txid, s.spent_txid, s.spent_n,
                       s.address AS reported_address, s.value AS reported_value,
                       -- One of the two outputs is all NULL: the looked-up one is read only without a placed one.
                       coalesce(placed.ctid, looked.ctid) AS output_row,
                       coalesce(placed.block_height, looked.block_height) AS spent_block_height,
                       coalesce(placed.tx_index, looked.tx_index) AS spent_tx_index,
                       coalesce(placed.address, looked.address) AS own_address,
                       coalesce(placed.value, looked.value) AS own_value,
                       coalesce(placed.spent_height, looked.spent_height) AS earlier_spend_height,
                       -- A node before Core 22 printed an address for P2PK and 1-of-1 bare multisig; a prevout
                       -- from a later one has none. Our output's address stands, so the ledger balances.
                       (s.value IS NOT NULL AND s.address IS NULL
                        AND coalesce(placed.address, looked.address) IS NOT NULL
                        AND coalesce(placed.script_type, looked.script_type) IN ('pubkey', 'multisig'))
                           AS address_from_older_node
                FROM staged_inputs s
                LEFT JOIN LATERAL (
                    SELECT o.ctid, o.block_height, o.tx_index, o.address, o.value, o.spent_height, o.script_type
                    FROM chain.outputs o
                    WHERE o.block_height = s.spent_block_height AND o.tx_index = s.spent_tx_index
                      AND o.n = s.spent_n AND o.txid = s.spent_txid
                    LIMIT 1
                ) placed ON true
                LEFT JOIN LATERAL (
                    SELECT t.block_height, t.tx_index FROM (
                        SELECT t.block_height, t.tx_index FROM chain.transactions t
                        WHERE placed.ctid IS NULL AND t.txid = s.spent_txid
                          AND (t.block_height, t.tx_index) < (s.block_height, s.tx_index)
                        OFFSET 0
                    ) t
                    ORDER BY t.block_height DESC, t.tx_index DESC
                    LIMIT 1
                ) t ON true
                LEFT JOIN LATERAL (
                    SELECT o.ctid, o.block_height, o.tx_index, o.address, o.value, o.spent_height, o.script_type
                    FROM chain.outputs o
                    WHERE o.block_height = t.block_height AND o.tx_index = t.tx_index AND o.n = s.spent_n
                    LIMIT 1
                ) looked ON true
            ), problem AS (
                SELECT * FROM resolved
                WHERE (spent_block_height IS NULL AND reported_value IS NULL)
                   OR earlier_spend_height IS NOT NULL
                   OR ($1 AND spent_block_height IS NOT NULL AND reported_value IS NOT NULL
                       AND (own_value <> reported_value
                            OR own_address IS DISTINCT FROM reported_address AND NOT address_from_older_node))
                ORDER BY block_height, tx_index, n
                LIMIT 1
            ), marked AS (
                UPDATE chain.outputs o SET spent_height = r.block_height
                FROM resolved r
                WHERE o.ctid = ANY (ARRAY(SELECT output_row FROM resolved WHERE output_row IS NOT NULL))
                  AND o.ctid = r.output_row
                  AND NOT EXISTS (SELECT 1 FROM problem)
                RETURNING 1
            ), stored AS (
                INSERT INTO chain.inputs (block_height, tx_index, n, txid, spent_txid, spent_n, address, value,
                                          spent_block_height, spent_tx_index)
                SELECT block_height, tx_index, n, txid, spent_txid, spent_n,
                       CASE WHEN reported_value IS NULL OR address_from_older_node THEN own_address
                            ELSE reported_address END,
                       coalesce(reported_value, own_value), spent_block_height, spent_tx_index
                FROM resolved
                WHERE NOT EXISTS (SELECT 1 FROM problem)
            )
            SELECT problem.block_height, problem.txid, problem.n, problem.spent_txid, problem.spent_n,
                   problem.reported_value, problem.own_value, problem.reported_address, problem.own_address,
                   problem.spent_block_height, problem.earlier_spend_height,
                   (SELECT count(*) FROM marked),
                   (SELECT count(*) FROM resolved WHERE spent_block_height IS NOT NULL),
                   (SELECT count(*) FROM resolved WHERE address_from_older_node)
            FROM (VALUES (1)) AS one LEFT JOIN problem ON true
            """, [rules.checks(.spentOutputKnown)])
        let row = rows[0]
        guard !row.isNull(0) else {
            if try row.int(11) != row.int(12) { try blameDoubleSpendWithinBatch(heights) }
            return try row.int(13) > 0
        }
        let height = try row.int64(0)
        let place = "input \(try row.int(2)) of transaction \(try row.string(1))"
        let spent = "\(try row.string(3)):\(try row.int(4))"
        let reason: String
        if row.isNull(9) {
            reason = "\(place) spends \(spent), which chain.outputs does not hold (was the landing zone started above "
                + "height 0, or is a block missing?)"
        } else if !row.isNull(10) {
            reason = "\(place) spends \(spent), which is already spent at height \(try row.int64(10))"
        } else {
            func text(_ column: Int) throws -> String { row.isNull(column) ? "none" : try row.string(column) }
            reason = "\(place) spends \(spent): the node's prevout says \(try text(5)) base units to \(try text(7)), "
                + "our output at height \(try row.int64(9)) holds \(try text(6)) to \(try text(8))"
        }
        throw BlockValidationFailure(height: height, hash: heights.hash(at: height), rule: .spentOutputKnown, reason: reason)
    }

    /// Two inputs of the batch spend the same output: the first, in chain order, is valid and the later one is
    /// refused (which of them marked the output is arbitrary, so that cannot tell; blaming the first block of
    /// the batch would quarantine a valid block). Always throws.
    private func blameDoubleSpendWithinBatch(_ heights: BatchHeights) throws -> Never {
        let rows = try connection.query("""
            SELECT block_height, txid, n, spent_txid, spent_n, first_spender_height
            FROM (
                SELECT i.block_height, i.tx_index, i.n, i.txid, i.spent_txid, i.spent_n,
                       first_value(i.block_height) OVER spenders AS first_spender_height,
                       row_number() OVER spenders AS spend_number
                FROM chain.inputs i
                WHERE i.block_height BETWEEN $1 AND $2 AND i.spent_block_height IS NOT NULL
                WINDOW spenders AS (PARTITION BY i.spent_block_height, i.spent_tx_index, i.spent_n
                                    ORDER BY i.block_height, i.tx_index, i.n)
            ) spends
            WHERE spend_number > 1
            ORDER BY block_height, tx_index, n
            LIMIT 1
            """, [heights.first, heights.last])
        guard let row = rows.first else {
            throw BlockValidationFailure(
                height: heights.first, hash: heights.hash(at: heights.first), rule: .spentOutputKnown,
                reason: "two inputs of one block spend the same output")
        }
        let height = try row.int64(0)
        throw BlockValidationFailure(
            height: height, hash: heights.hash(at: height), rule: .spentOutputKnown,
            reason: "input \(try row.int(2)) of transaction \(try row.string(1)) spends \(try row.string(3)):\(try row.int(4)), "
                + "which is already spent at height \(try row.int64(5))")
    }

    /// Stores the staged transactions of a batch whose inputs were resolved in SQL: input totals and fees come
    /// from the resolved inputs where the node did not send them.
    private func storeTransactions(_ heights: BatchHeights) throws {
        try connection.execute("""
            INSERT INTO chain.transactions (block_height, tx_index, txid, is_coinbase, size, vsize, input_count,
                                            output_count, input_value, output_value, fee)
            SELECT t.block_height, t.tx_index, t.txid, t.is_coinbase, t.size, t.vsize, t.input_count, t.output_count,
                   v.input_value, t.output_value,
                   CASE WHEN t.is_coinbase THEN 0 ELSE v.input_value - t.output_value END
            FROM staged_transactions t
            LEFT JOIN (
                SELECT block_height, tx_index, sum(value)::bigint AS input_value FROM chain.inputs
                WHERE block_height BETWEEN $1 AND $2 GROUP BY block_height, tx_index
            ) s USING (block_height, tx_index)
            CROSS JOIN LATERAL (
                SELECT CASE WHEN t.is_coinbase THEN 0 ELSE coalesce(t.input_value, s.input_value, 0) END AS input_value
            ) v
            """, [heights.first, heights.last])
    }

    /// Refuses a transaction that spends more than its inputs (rule `outputs_within_inputs`).
    private func checkFees(_ heights: BatchHeights) throws {
        let rows = try connection.query("""
            SELECT block_height, tx_index, txid, input_value, output_value FROM chain.transactions
            WHERE block_height BETWEEN $1 AND $2 AND NOT is_coinbase AND fee < 0
            ORDER BY block_height, tx_index LIMIT 1
            """, [heights.first, heights.last])
        guard let row = rows.first else { return }
        let height = try row.int64(0)
        throw BlockValidationFailure(
            height: height, hash: heights.hash(at: height), rule: .outputsWithinInputs,
            reason: "transaction \(try row.int(1)) (\(try row.string(2))) pays \(try row.int64(4)) base units "
                + "from inputs of \(try row.int64(3))")
    }

    /// Refuses a coinbase that claims more than the subsidy plus its block's fees (rule `coinbase_within_reward`).
    ///
    /// One pass over the batch's transactions, grouped by block. Joined with its own per-block totals, the
    /// statement was planned from statistics that early in a load say a batch has one row, and summed the whole
    /// batch again for every coinbase (measured: up to 65 ms a batch, against about 6 now).
    /// Each block's subsidy comes from `ValidationRules.subsidy(atHeight:)`, one per height, so the schedule
    /// (halvings, Dogecoin's early ceilings, the rule's parameter) is written once, in Swift.
    private func checkCoinbases(_ heights: BatchHeights, rules: ValidationRules) throws {
        let subsidies = (heights.first...heights.last).map(rules.subsidy(atHeight:))
        let rows = try connection.query("""
            SELECT b.block_height, b.coinbase_value, b.fees FROM (
                SELECT block_height, max(output_value) FILTER (WHERE tx_index = 0) AS coinbase_value,
                       sum(fee) AS fees
                FROM chain.transactions WHERE block_height BETWEEN $1 AND $2 GROUP BY block_height
            ) b
            JOIN unnest($3::bigint[]) WITH ORDINALITY AS s(subsidy, position) ON s.position = b.block_height - $1 + 1
            WHERE b.coinbase_value > b.fees + s.subsidy
            ORDER BY b.block_height LIMIT 1
            """, [heights.first, heights.last, PostgresArray(subsidies)])
        guard let row = rows.first else { return }
        let height = try row.int64(0)
        throw BlockValidationFailure(
            height: height, hash: heights.hash(at: height), rule: .coinbaseWithinReward,
            reason: "the coinbase pays \(try row.int64(1)) base units, more than the subsidy "
                + "\(rules.subsidy(atHeight: height)) plus fees \(try row.string(2))")
    }

    /// Copies ledger rows computed from fully resolved blocks, in the order given (`PreparedBatch` sorts them
    /// by address).
    private func copyMovements(_ movements: [AddressMovement]) throws {
        try connection.copyInBinary(table: "chain.address_movements", columns: [
            "block_height", "tx_index", "address", "received", "sent",
        ]) { writer in
            for movement in movements {
                writer.append(int8: movement.blockHeight)
                writer.append(int4: movement.transactionIndex)
                writer.append(text: movement.address)
                writer.append(int8: movement.received)
                writer.append(int8: movement.sent)
                try writer.endRow()
            }
        }
    }

    /// Adds the batch's ledger rows from the stored rows: per transaction and address, what it received and
    /// what it sent. For batches whose inputs were resolved in SQL. In address order, like `PreparedBatch`'s.
    private func storeMovements(_ heights: BatchHeights) throws {
        try connection.execute("""
            INSERT INTO chain.address_movements (block_height, tx_index, address, received, sent)
            SELECT block_height, tx_index, address, sum(received)::bigint, sum(sent)::bigint FROM (
                SELECT block_height, tx_index, address, value AS received, 0::bigint AS sent FROM chain.outputs
                WHERE block_height BETWEEN $1 AND $2 AND address IS NOT NULL
                UNION ALL
                SELECT block_height, tx_index, address, 0::bigint, value FROM chain.inputs
                WHERE block_height BETWEEN $1 AND $2 AND address IS NOT NULL
            ) movement
            GROUP BY block_height, tx_index, address
            ORDER BY address
            """, [heights.first, heights.last])
    }

    /// Stores the block rows with the running supply as the node's `gettxoutsetinfo` counts it (outputs created
    /// minus outputs spent, without OP_RETURN outputs, the genesis coinbase and outputs a BIP30 duplicate
    /// coinbase overwrote), and records each block as joined.
    ///
    /// The earlier transactions with a coinbase's txid are looked up one coinbase at a time (`OFFSET 0` keeps
    /// the lookup a subquery the planner cannot turn into a join): as a join, fresh statistics made it hash
    /// every transaction of the table to match eight coinbases (measured: 30 ms a batch at 120,000 rows and
    /// growing with the table, against well under 1 ms through the txid index). Their unspent outputs are
    /// summed one transaction at a time too (an aggregate subquery stays one): as a join, a load's last batch
    /// was planned as a merge join over every output of the table (measured: 600–800 ms instead of 1 ms).
    ///
    /// `supplyChanges`, one per block of the batch from its first height on, are what each block adds before BIP30
    /// overwrites, worked out from the rows (`BlockRows.supplyChange`); when they are given, the stored outputs
    /// and inputs are not summed again (the parameter makes those scans a one-time false filter). Otherwise
    /// `createdSupplies` (what each block's outputs add, `BlockRows.createdSupply`) are taken as given and only the
    /// spent outputs are summed from the stored inputs: the stored outputs keep the node's type name but not the
    /// script, so they cannot tell every unspendable one (a script that begins with OP_RETURN but is not
    /// `nulldata`). Summing the stored outputs by type name is left for a batch whose output sums leave `Int64`,
    /// which no valid block has. The running supply itself is numeric: Dogecoin's is past `Int64`.
    private func storeBlocks(_ heights: BatchHeights, supplyChanges: [Int64]?, createdSupplies: [Int64]?) throws {
        try connection.execute("""
            WITH given AS (
                SELECT $1::bigint + g.position - 1 AS block_height, g.change AS value
                FROM unnest($3::bigint[]) WITH ORDINALITY AS g(change, position)
            ), created AS (
                SELECT $1::bigint + c.position - 1 AS block_height, c.value
                FROM unnest($4::bigint[]) WITH ORDINALITY AS c(value, position)
                WHERE $3::bigint[] IS NULL
                UNION ALL
                SELECT block_height, sum(value) FROM chain.outputs
                WHERE $3::bigint[] IS NULL AND $4::bigint[] IS NULL
                  AND block_height BETWEEN $1 AND $2 AND block_height > 0 AND script_type <> 'nulldata'
                GROUP BY block_height
            ), spent AS (
                SELECT block_height, sum(value) AS value FROM chain.inputs
                WHERE $3::bigint[] IS NULL AND block_height BETWEEN $1 AND $2 GROUP BY block_height
            ), overwritten AS (
                SELECT duplicate.block_height, sum(original.value) AS value
                FROM chain.transactions duplicate
                CROSS JOIN LATERAL (
                    SELECT earlier.block_height, earlier.tx_index FROM chain.transactions earlier
                    WHERE earlier.txid = duplicate.txid AND earlier.block_height < duplicate.block_height
                    OFFSET 0
                ) earlier
                CROSS JOIN LATERAL (
                    SELECT sum(o.value) AS value FROM chain.outputs o
                    WHERE o.block_height = earlier.block_height AND o.tx_index = earlier.tx_index
                      AND o.spent_height IS NULL AND o.block_height > 0 AND o.script_type <> 'nulldata'
                ) original
                WHERE duplicate.block_height BETWEEN $1 AND $2 AND duplicate.tx_index = 0
                GROUP BY duplicate.block_height
            )
            INSERT INTO chain.blocks (height, hash, prev_hash, time, size, weight, tx_count, difficulty, input_count,
                                      output_count, supply)
            SELECT b.height, b.hash, b.prev_hash, to_timestamp(b.time), b.size, b.weight, b.tx_count, b.difficulty,
                   b.input_count, b.output_count,
                   (coalesce((SELECT supply FROM chain.blocks WHERE height = $1 - 1), 0)
                    + sum(coalesce(g.value, coalesce(c.value, 0) - coalesce(s.value, 0)) - coalesce(o.value, 0))
                      OVER (ORDER BY b.height))
            FROM staged_blocks b
            LEFT JOIN given g ON g.block_height = b.height
            LEFT JOIN created c ON c.block_height = b.height
            LEFT JOIN spent s ON s.block_height = b.height
            LEFT JOIN overwritten o ON o.block_height = b.height
            """, [heights.first, heights.last, supplyChanges.map(PostgresArray.init), createdSupplies.map(PostgresArray.init)])
        try connection.execute("""
            INSERT INTO chain.block_changes (change, height, hash, time)
            SELECT 'joined', height, hash, to_timestamp(time) FROM staged_blocks ORDER BY height
            """)
    }
}

/// The heights of one batch and their hashes, to name the block a SQL check found.
struct BatchHeights {
    let first: Int64
    let last: Int64
    private let hashes: [Int64: String]

    init(first: Int64, last: Int64, blocks: [BlockRows]) {
        self.first = first
        self.last = last
        var hashes: [Int64: String] = [:]
        for rows in blocks { hashes[rows.block.height] = rows.block.hash }
        self.hashes = hashes
    }

    func hash(at height: Int64) -> String {
        hashes[height] ?? "?"
    }
}
