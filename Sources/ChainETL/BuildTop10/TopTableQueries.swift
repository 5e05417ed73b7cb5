/// The SQL that computes each top table's new content into its `pg_temp` twin (SPEC.md, "Definitions").
/// The windows are the SPEC's literal numbers: the last 100 blocks for miners, 144 blocks for the hashrate,
/// 24 hours before the tip block's time, the top 10 for transactions and active addresses.
///
/// Parameters are the heights `TipWindow` found, so every query reads its window through a primary-key range
/// (`block_height BETWEEN $2 AND $1`) rather than scanning tables of billions of rows; each is planned with the
/// values. The tip is the block `stats.address_stats` counts through, which may be below the chain's own tip:
/// every query stops there, so no table mixes blocks the balances do not count.
enum TopTableQueries {
    /// `$1` = TOP_RICHEST_N, `$2` = tip height. Only positive balances rank (wallet-stats' partial index on
    /// balance serves the ORDER BY ... LIMIT); shares are of the supply after the tip block, the block the
    /// balances count through.
    static let richest = """
        WITH tip AS (
            SELECT supply FROM chain.blocks WHERE height = $2
        ), richest AS (
            SELECT address, balance FROM stats.address_stats
            WHERE balance > 0
            ORDER BY balance DESC, address COLLATE "C"
            LIMIT $1
        )
        INSERT INTO pg_temp.top_richest (rank, address, balance, share, label)
        SELECT row_number() OVER (ORDER BY r.balance DESC, r.address COLLATE "C"),
               r.address,
               r.balance,
               round(r.balance::numeric * 100 / NULLIF((SELECT supply FROM tip), 0), 8),
               l.label
        FROM richest r
        LEFT JOIN etl.address_labels l ON l.address = r.address
        """

    /// `$1` = tip height. Per block, each distinct address a coinbase output pays (value > 0) counts once. The
    /// coinbase is a block's first transaction, so it is found by key, not by scanning the block. share = blocks
    /// ÷ 100 × 100 (SPEC.md), so on a chain of fewer than 100 blocks the shares add up to less than 100.
    static let miners = """
        WITH paid AS (
            SELECT o.address, count(DISTINCT o.block_height) AS blocks, sum(o.value) AS reward
            FROM chain.blocks b
            JOIN chain.transactions t ON t.block_height = b.height AND t.tx_index = 0 AND t.is_coinbase
            JOIN chain.outputs o ON o.block_height = t.block_height AND o.tx_index = t.tx_index
            WHERE b.height > $1 - 100 AND b.height <= $1
              AND o.address IS NOT NULL
              AND o.value > 0
            GROUP BY o.address
        )
        INSERT INTO pg_temp.top_miners (rank, address, blocks, share, reward)
        SELECT row_number() OVER (ORDER BY p.blocks DESC, p.address COLLATE "C"),
               p.address,
               p.blocks,
               round(p.blocks / 100.0 * 100, 8),
               p.reward
        FROM paid p
        """

    /// `$1` = tip height, `$2` = lowest height of a block in the 24 h window. Transfers only; amount = sum of
    /// outputs (change included). Equal amounts fall to the txid; the place in the chain breaks the
    /// (theoretical) tie of a repeated txid.
    static let transactions24h = """
        WITH largest AS (
            SELECT t.txid, t.block_height, t.tx_index, b.time AS block_time, t.output_value AS amount, t.fee
            FROM chain.transactions t
            JOIN chain.blocks b ON b.height = t.block_height
            WHERE t.block_height BETWEEN $2 AND $1
              AND b.time > (SELECT time FROM chain.blocks WHERE height = $1) - interval '24 hours'
              AND NOT t.is_coinbase
            ORDER BY t.output_value DESC, t.txid COLLATE "C", t.block_height, t.tx_index
            LIMIT 10
        )
        INSERT INTO pg_temp.top_transactions_24h (rank, txid, block_height, tx_index, block_time, amount, fee)
        SELECT row_number() OVER (ORDER BY amount DESC, txid COLLATE "C", block_height, tx_index),
               txid, block_height, tx_index, block_time, amount, fee
        FROM largest
        """

    /// `$1` = tip height, `$2` = lowest height of a block in the 24 h window. From the address ledger: one row
    /// per (block, transaction, address), so a transaction counts once per address even when it both pays and
    /// spends there.
    static let activeAddresses24h = """
        WITH busiest AS (
            SELECT m.address, count(*) AS tx_count, sum(m.received) AS received, sum(m.sent) AS sent
            FROM chain.address_movements m
            JOIN chain.blocks b ON b.height = m.block_height
            WHERE m.block_height BETWEEN $2 AND $1
              AND b.time > (SELECT time FROM chain.blocks WHERE height = $1) - interval '24 hours'
            GROUP BY m.address
            ORDER BY count(*) DESC, m.address COLLATE "C"
            LIMIT 10
        )
        INSERT INTO pg_temp.top_active_addresses_24h (rank, address, tx_count, received, sent)
        SELECT row_number() OVER (ORDER BY tx_count DESC, address COLLATE "C"), address, tx_count, received, sent
        FROM busiest
        """

    /// `$1` = tip height. The hashrate's start is the block 144 below the tip (the one just before the 144-block
    /// window), or the first block when the chain is shorter; the work of the blocks after it is divided by the
    /// seconds between it and the tip. NULL when no block follows the start or the span is not positive.
    static let networkStatus = """
        WITH tip AS (
            SELECT height, hash, time, difficulty, supply FROM chain.blocks WHERE height = $1
        ), start AS (
            SELECT height, time FROM chain.blocks WHERE height >= $1 - 144 ORDER BY height LIMIT 1
        ), work AS (
            SELECT sum(b.difficulty * 4294967296) AS hashes
            FROM chain.blocks b
            WHERE b.height > (SELECT height FROM start) AND b.height <= $1
        ), span AS (
            SELECT extract(epoch FROM tip.time - start.time)::double precision AS seconds FROM tip, start
        )
        INSERT INTO pg_temp.network_status
            (height, tip_hash, tip_time, difficulty, hashrate, supply, nonempty_addresses, updated_at)
        SELECT tip.height, tip.hash, tip.time, tip.difficulty,
               CASE WHEN span.seconds > 0 THEN work.hashes / span.seconds END,
               tip.supply,
               (SELECT count(*) FROM stats.address_stats WHERE balance > 0),
               now()
        FROM tip, work, span
        """
}
