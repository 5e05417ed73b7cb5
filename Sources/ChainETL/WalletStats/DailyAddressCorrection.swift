/// Corrects `stats.daily_addresses` for one window of block changes without recounting any day.
///
/// Each counter changes only through the touched addresses, so the correction is a sum over them:
/// - new: -1 on an address's old first day, +1 on its new one (first days from `ws_new_stats`);
/// - active: per touched (address, day), whether it had a ledger row before and has one now;
/// - nonempty_change: per touched address, the days its end-of-day balance crosses zero, before and after. Its
///   balance before its earliest touched day is the same before and after (the window changes no earlier day),
///   and equals the new balance minus the new per-day nets from that day on, so both walks start from it.
/// A day that lost its last block keeps a row of zeros while it lies inside the chain's days (`DailyAddressSpan`);
/// `total` and `nonempty` are then re-accumulated from the earliest corrected or added day, a handful of rows.
struct DailyAddressCorrection {
    let connection: PostgresConnection

    /// Applies the correction; needs `ws_blocks`, `ws_day_delta`, `ws_new_stats` and `ws_new_days`.
    /// Returns the earliest corrected day (nil when nothing changed).
    @discardableResult
    func apply() throws -> String? {
        try connection.execute("""
            CREATE TEMP TABLE ws_day_diff ON COMMIT DROP AS
            WITH paired AS (
                SELECT coalesce(n.address, x.address) AS address, coalesce(n.day, x.day) AS day,
                       coalesce(n.received - n.sent, 0) AS new_net,
                       coalesce(n.received - n.sent, 0) - coalesce(x.received - x.sent, 0) AS old_net,
                       coalesce(n.tx_count, 0) AS new_tx,
                       coalesce(n.tx_count, 0) - coalesce(x.tx_count, 0) AS old_tx
                FROM ws_new_days n
                FULL JOIN ws_day_delta x ON x.address = n.address AND x.day = n.day
            ), anchored AS (
                SELECT p.*, coalesce(s.balance, 0) - sum(p.new_net) OVER (PARTITION BY p.address) AS opening
                FROM paired p
                LEFT JOIN ws_new_stats s ON s.address = p.address
            ), walked AS (
                SELECT day, new_net, old_net, new_tx, old_tx,
                       opening + sum(new_net) OVER running AS new_balance,
                       opening + sum(old_net) OVER running AS old_balance
                FROM anchored
                WINDOW running AS (PARTITION BY address ORDER BY day)
            ), activity AS (
                SELECT day,
                       sum((new_tx > 0)::integer - (old_tx > 0)::integer) AS active_change,
                       sum(((new_balance > 0)::integer - (new_balance - new_net > 0)::integer)
                           - ((old_balance > 0)::integer - (old_balance - old_net > 0)::integer)) AS nonempty_change
                FROM walked
                GROUP BY day
            ), first_days AS (
                SELECT old_first_day AS day, -1 AS change FROM ws_new_stats WHERE existed
                UNION ALL
                SELECT new_first_day, 1 FROM ws_new_stats WHERE tx_count > 0
            )
            SELECT day, sum(new_change)::bigint AS new_change, sum(active_change)::bigint AS active_change,
                   sum(nonempty_change)::bigint AS nonempty_change
            FROM (
                SELECT day, 0 AS new_change, active_change, nonempty_change FROM activity
                UNION ALL
                SELECT day, change, 0, 0 FROM first_days
                UNION ALL
                SELECT day, 0, 0, 0 FROM ws_blocks
            ) changes
            GROUP BY day
            """)
        try connection.execute("""
            INSERT INTO stats.daily_addresses AS a (day, new_addresses, active_addresses, total_addresses,
                                                    nonempty_addresses, nonempty_change)
            SELECT day, new_change, active_change, 0, 0, nonempty_change FROM ws_day_diff
            ON CONFLICT (day) DO UPDATE
            SET new_addresses = a.new_addresses + EXCLUDED.new_addresses,
                active_addresses = a.active_addresses + EXCLUDED.active_addresses,
                nonempty_change = a.nonempty_change + EXCLUDED.nonempty_change
            """)
        let added = try DailyAddressSpan(connection: connection).cover()
        let corrected = try connection.query("SELECT min(day)::text FROM ws_day_diff")[0].decode(String?.self, at: 0)
        // ISO dates compare as text.
        let earliest = [corrected, added].compactMap { $0 }.min()
        if let earliest { try DailyAddressTotals(connection: connection).accumulate(from: earliest) }
        return earliest
    }
}
