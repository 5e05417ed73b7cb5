/// Recomputes `stats.address_stats` and `stats.daily_addresses` from the whole ledger, set-based: the first run,
/// `--full`, and the way back after the change log was reset. `stats.address_daily` is emptied here and filled by
/// `AddressDailyWindow` for the current window. The incremental path must always arrive at exactly these rows;
/// the tests compare the two.
struct FullRebuild {
    /// What the rebuild produced.
    struct Counts: Equatable {
        /// Blocks on the best chain.
        var blocks = 0
        /// Rows written to `stats.address_stats`.
        var addresses = 0
        /// The tip's height, nil while the chain is empty.
        var tipHeight: Int64?
    }

    /// The tables the rebuild empties with TRUNCATE. TRUNCATE is not MVCC-safe: a transaction whose snapshot
    /// is older than the rebuild's commit sees them empty afterwards, so a reader that needs them whole in one
    /// snapshot (build-top10 and its export) locks them before its snapshot is taken.
    static let emptiedTables = ["stats.address_stats", "stats.address_daily", "stats.daily_addresses"]

    let connection: PostgresConnection

    /// Empties the tables (TRUNCATE: a rebuild blocks readers of these tables until it commits) and rebuilds.
    func run() throws -> Counts {
        try connection.executeScript("TRUNCATE " + Self.emptiedTables.joined(separator: ", "))
        try AddressDailyWindow(connection: connection, days: 1).reset()
        let addresses = try connection.execute("""
            INSERT INTO stats.address_stats (address, balance, received, sent, tx_count, first_seen_height,
                                             first_seen_time, last_seen_height, last_seen_time)
            SELECT a.address, a.received - a.sent, a.received, a.sent, a.tx_count,
                   a.first_height, f.time, a.last_height, l.time
            FROM (
                SELECT address, sum(received) AS received, sum(sent) AS sent, count(*) AS tx_count,
                       min(block_height) AS first_height, max(block_height) AS last_height
                FROM chain.address_movements
                GROUP BY address
            ) a
            JOIN chain.blocks f ON f.height = a.first_height
            JOIN chain.blocks l ON l.height = a.last_height
            """)
        try connection.execute("""
            INSERT INTO stats.daily_addresses (day, new_addresses, active_addresses, total_addresses,
                                               nonempty_addresses, nonempty_change)
            WITH address_days AS (
                SELECT m.address, (b.time AT TIME ZONE 'UTC')::date AS day, sum(m.received - m.sent) AS net
                FROM chain.address_movements m
                JOIN chain.blocks b ON b.height = m.block_height
                GROUP BY m.address, (b.time AT TIME ZONE 'UTC')::date
            ), walked AS (
                SELECT day, net, sum(net) OVER (PARTITION BY address ORDER BY day) AS balance FROM address_days
            ), activity AS (
                SELECT day, count(*) AS active,
                       sum((balance > 0)::integer - (balance - net > 0)::integer) AS nonempty_change
                FROM walked
                GROUP BY day
            ), first_days AS (
                SELECT (first_seen_time AT TIME ZONE 'UTC')::date AS day, count(*) AS new
                FROM stats.address_stats
                GROUP BY 1
            ), block_days AS (
                SELECT DISTINCT (time AT TIME ZONE 'UTC')::date AS day FROM chain.blocks
            )
            SELECT d.day, coalesce(f.new, 0), coalesce(a.active, 0), 0, 0, coalesce(a.nonempty_change, 0)
            FROM block_days d
            LEFT JOIN activity a ON a.day = d.day
            LEFT JOIN first_days f ON f.day = d.day
            """)
        // The next run decides how to read the touched addresses from this estimate (AddressStatsUpdate).
        try connection.executeScript("ANALYZE stats.address_stats")
        try DailyAddressSpan(connection: connection).cover()
        let firstDay = try connection.query("SELECT min(day)::text FROM stats.daily_addresses")[0]
            .decode(String?.self, at: 0)
        if let firstDay { try DailyAddressTotals(connection: connection).accumulate(from: firstDay) }
        let chain = try connection.query("SELECT count(*), max(height) FROM chain.blocks")[0]
        return Counts(blocks: try chain.int(0), addresses: addresses, tipHeight: try chain.decode(Int64?.self, at: 1))
    }
}
