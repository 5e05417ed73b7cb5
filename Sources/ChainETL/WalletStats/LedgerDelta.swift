/// The ledger rows a window of block changes adds and removes, signed, and their sums per address and per
/// address and day: the only rows an incremental run reads from the ledger tables, so its cost follows the new
/// blocks, not the number of addresses or the length of the history.
struct LedgerDelta {
    /// What the delta holds.
    struct Counts: Equatable {
        /// Ledger rows added plus ledger rows removed.
        var movements = 0
        /// Distinct addresses among them.
        var addresses = 0
    }

    let connection: PostgresConnection

    /// `ws_movements` from `ws_blocks`; `$1...$2` spans the heights in `ws_blocks`.
    static let movementsSQL = """
        CREATE TEMP TABLE ws_movements ON COMMIT DROP AS
        SELECT m.address, m.block_height, w.day, m.received, m.sent, 1 AS sign
        FROM ws_blocks w
        JOIN chain.address_movements m ON m.block_height = w.height
        WHERE w.last_change = 'joined' AND m.block_height BETWEEN $1 AND $2
        UNION ALL
        SELECT d.address, d.block_height, w.day, d.received, d.sent, -1
        FROM ws_blocks w
        JOIN chain.departed_movements d ON d.change_sequence = w.first_sequence
        WHERE w.first_change = 'left'
        """

    /// Creates, from `ws_blocks`:
    /// - `ws_movements (address, block_height, day, received, sent, sign)`: +1 rows of blocks now on the chain,
    ///   -1 rows of blocks that left;
    /// - `ws_address_delta (address, received, sent, tx_count, joined_first, joined_last, departed, first_day)`;
    /// - `ws_day_delta (address, day, received, sent, tx_count)`.
    ///
    /// `lowestHeight...highestHeight` spans the heights in `ws_blocks` (nil when it is empty): the ledger is
    /// indexed by block through a BRIN index, which only a range of heights reaches.
    func stage(lowestHeight: Int64?, highestHeight: Int64?) throws -> Counts {
        let movements = try connection.execute(Self.movementsSQL, [lowestHeight, highestHeight])
        let addresses = try connection.execute("""
            CREATE TEMP TABLE ws_address_delta ON COMMIT DROP AS
            SELECT address,
                   sum(sign * received) AS received,
                   sum(sign * sent) AS sent,
                   sum(sign)::bigint AS tx_count,
                   min(block_height) FILTER (WHERE sign = 1) AS joined_first,
                   max(block_height) FILTER (WHERE sign = 1) AS joined_last,
                   bool_or(sign = -1) AS departed,
                   min(day) AS first_day
            FROM ws_movements
            GROUP BY address
            """)
        try connection.executeScript("""
            ALTER TABLE ws_address_delta ADD PRIMARY KEY (address);
            CREATE TEMP TABLE ws_day_delta ON COMMIT DROP AS
            SELECT address, day, sum(sign * received) AS received, sum(sign * sent) AS sent,
                   sum(sign)::integer AS tx_count
            FROM ws_movements
            GROUP BY address, day;
            ANALYZE ws_address_delta;
            ANALYZE ws_day_delta;
            """)
        return Counts(movements: movements, addresses: addresses)
    }
}
