/// Applies `ws_address_delta` to `stats.address_stats`: balance, received, sent and tx_count move by the delta;
/// first/last seen widen to the new blocks, and for an address that lost a block they are looked up again in
/// the ledger through its (address, block_height) index, the only case where the old values cannot tell.
/// Addresses left without any transaction are deleted.
///
/// When the run touches few of the addresses (`readsByKey`), the stored rows are read and updated through the
/// primary key instead of a scan: measured on this machine, key lookups for 60,000 touched addresses cost the
/// same as one scan of 1,000,000 rows, and three to four times a scan of 100,000.
struct AddressStatsUpdate {
    let connection: PostgresConnection
    /// Whether to join the touched addresses with `stats.address_stats` by key lookups only.
    let readsByKey: Bool

    /// Key lookups pay off once the run touches less than this fraction of the stored addresses.
    static let keyLookupFraction = 0.1

    /// Whether `touched` addresses are few enough among about `stored` ones (PostgreSQL's estimate; negative
    /// when the table was never analysed) to read them by key.
    static func readsByKey(touched: Int, stored: Double) -> Bool {
        stored > 0 && Double(touched) < stored * keyLookupFraction
    }

    /// Computes every touched address's new row into `ws_new_stats` (kept for the day statistics, which compare
    /// old and new first days), checks it, and writes it. Returns the number of rows written or deleted.
    func apply() throws -> Int {
        try connection.withIndexLookups(readsByKey) { try stageNewRows() }
        try connection.executeScript("ALTER TABLE ws_new_stats ADD PRIMARY KEY (address); ANALYZE ws_new_stats")
        try checkNewRows()
        let updated = try connection.withIndexLookups(readsByKey) {
            try connection.execute("""
                UPDATE stats.address_stats s
                SET balance = n.balance, received = n.received, sent = n.sent, tx_count = n.tx_count,
                    first_seen_height = n.first_seen_height, first_seen_time = n.first_seen_time,
                    last_seen_height = n.last_seen_height, last_seen_time = n.last_seen_time
                FROM ws_new_stats n
                WHERE n.address = s.address AND n.tx_count > 0
                """)
        }
        let inserted = try connection.execute("""
            INSERT INTO stats.address_stats (address, balance, received, sent, tx_count, first_seen_height,
                                             first_seen_time, last_seen_height, last_seen_time)
            SELECT address, balance, received, sent, tx_count, first_seen_height, first_seen_time,
                   last_seen_height, last_seen_time
            FROM ws_new_stats
            WHERE NOT existed AND tx_count > 0
            """)
        let deleted = try connection.execute("""
            DELETE FROM stats.address_stats s USING ws_new_stats n WHERE n.address = s.address AND n.tx_count = 0
            """)
        return updated + inserted + deleted
    }

    /// `ws_new_stats`: each touched address's row as it will be, with its old first day. A first or last seen
    /// height that did not change keeps its stored time, unless the address lost blocks (another block may now
    /// stand at that height); only those are looked up in `chain.blocks`.
    private func stageNewRows() throws {
        try connection.execute("""
            CREATE TEMP TABLE ws_new_stats ON COMMIT DROP AS
            WITH merged AS (
                SELECT d.address, d.departed,
                       s.address IS NOT NULL AS existed,
                       (s.first_seen_time AT TIME ZONE 'UTC')::date AS old_first_day,
                       s.first_seen_height AS old_first_height, s.first_seen_time AS old_first_time,
                       s.last_seen_height AS old_last_height, s.last_seen_time AS old_last_time,
                       coalesce(s.balance, 0) + d.received - d.sent AS balance,
                       coalesce(s.received, 0) + d.received AS received,
                       coalesce(s.sent, 0) + d.sent AS sent,
                       coalesce(s.tx_count, 0) + d.tx_count AS tx_count,
                       CASE WHEN d.departed
                            THEN (SELECT min(m.block_height) FROM chain.address_movements m WHERE m.address = d.address)
                            ELSE least(s.first_seen_height, d.joined_first) END AS first_seen_height,
                       CASE WHEN d.departed
                            THEN (SELECT max(m.block_height) FROM chain.address_movements m WHERE m.address = d.address)
                            ELSE greatest(s.last_seen_height, d.joined_last) END AS last_seen_height
                FROM ws_address_delta d
                LEFT JOIN stats.address_stats s ON s.address = d.address
            ), timed AS (
                SELECT address, existed, old_first_day, balance, received, sent, tx_count,
                       first_seen_height, last_seen_height,
                       CASE WHEN NOT departed AND first_seen_height = old_first_height THEN old_first_time
                            ELSE (SELECT b.time FROM chain.blocks b WHERE b.height = first_seen_height) END
                           AS first_seen_time,
                       CASE WHEN NOT departed AND last_seen_height = old_last_height THEN old_last_time
                            ELSE (SELECT b.time FROM chain.blocks b WHERE b.height = last_seen_height) END
                           AS last_seen_time
                FROM merged
            )
            SELECT timed.*, (first_seen_time AT TIME ZONE 'UTC')::date AS new_first_day FROM timed
            """)
    }

    /// Refuses to write rows that cannot be right: a negative balance or count, an address without
    /// transactions that still holds value, or one with transactions but no block in the ledger. Each means the
    /// statistics no longer match the blocks they were built from.
    private func checkNewRows() throws {
        let rows = try connection.query("""
            SELECT address,
                   CASE WHEN tx_count < 0 THEN 'transaction count ' || tx_count
                        WHEN balance < 0 THEN 'balance ' || balance
                        WHEN tx_count = 0 THEN 'no transactions left but received ' || received || ', sent ' || sent
                        ELSE 'transactions ' || tx_count || ' but no block in chain.address_movements' END
            FROM ws_new_stats
            WHERE tx_count < 0 OR balance < 0
               OR (tx_count = 0 AND (received <> 0 OR sent <> 0))
               OR (tx_count > 0 AND (first_seen_time IS NULL OR last_seen_time IS NULL))
            ORDER BY address LIMIT 1
            """)
        guard let row = rows.first else { return }
        throw WalletStatsError.statisticsDisagree(
            address: try row.string(0), problem: try row.string(1), location: connection.location)
    }
}
