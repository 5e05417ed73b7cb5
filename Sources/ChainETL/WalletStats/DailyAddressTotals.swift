/// The cumulative columns of `stats.daily_addresses`: `total_addresses` is the running sum of `new_addresses`,
/// `nonempty_addresses` that of `nonempty_change`. Stored rather than computed in a view so front ends read one
/// row per day; re-accumulated only from the earliest day whose counters changed.
struct DailyAddressTotals {
    let connection: PostgresConnection

    /// Recomputes both running sums for `day` (ISO `YYYY-MM-DD`) and every later day, continuing from the row
    /// before it. Rows whose totals are already right are not rewritten.
    func accumulate(from day: String) throws {
        try connection.execute("""
            WITH previous AS (
                SELECT total_addresses, nonempty_addresses FROM stats.daily_addresses
                WHERE day < $1::date ORDER BY day DESC LIMIT 1
            ), running AS (
                SELECT a.day,
                       coalesce((SELECT total_addresses FROM previous), 0) + sum(a.new_addresses) OVER w AS total,
                       coalesce((SELECT nonempty_addresses FROM previous), 0) + sum(a.nonempty_change) OVER w AS nonempty
                FROM stats.daily_addresses a
                WHERE a.day >= $1::date
                WINDOW w AS (ORDER BY a.day)
            )
            UPDATE stats.daily_addresses a SET total_addresses = r.total, nonempty_addresses = r.nonempty
            FROM running r
            WHERE r.day = a.day AND (a.total_addresses, a.nonempty_addresses) IS DISTINCT FROM (r.total, r.nonempty)
            """, [day])
    }
}
