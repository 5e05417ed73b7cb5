/// The statements `aggregate-daily` runs, as text with `$n` parameters. Every statement names its height or
/// time bounds as parameters, so the planner sees the actual (small) ranges and reads them through the
/// `chain.blocks` primary key, `blocks_time_idx` and the `chain.transactions` primary key: a run's cost follows
/// the blocks and days it recomputes, never the length of the chain.
///
/// Bounds are always closed ranges (`BETWEEN`) or key lookups, never open inequalities: on a table that has
/// not been analysed yet (right after a first run) the planner guesses a third of the rows for `height > x` and
/// scans the table, but a small fraction for `BETWEEN`.
///
/// Days are computed as `(time AT TIME ZONE 'UTC')::date` and day bounds as `(day)::timestamp AT TIME ZONE
/// 'UTC'`, so the session's TimeZone never moves a block to another day.
enum AggregateDailySQL {
    /// The chain's extent: last change sequence, lowest and tip height, the tip's day, earliest and latest day.
    static let chainExtent = """
        SELECT (SELECT coalesce(max(sequence), 0) FROM chain.block_changes),
               (SELECT height FROM chain.blocks ORDER BY height LIMIT 1),
               tip.height,
               to_char(tip.time AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
               (SELECT to_char(min(time) AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM chain.blocks),
               (SELECT to_char(max(time) AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM chain.blocks)
        FROM (SELECT 1) AS one
        LEFT JOIN LATERAL (SELECT height, time FROM chain.blocks ORDER BY height DESC LIMIT 1) AS tip ON true
        """

    /// The changes in ($1, $2]: count, lowest and highest height, earliest and latest day.
    static let pendingChanges = """
        SELECT count(*), min(height), max(height),
               to_char(min(time) AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
               to_char(max(time) AT TIME ZONE 'UTC', 'YYYY-MM-DD')
        FROM chain.block_changes
        WHERE sequence > $1 AND sequence <= $2
        """

    /// Lowest and highest height of the blocks whose time falls on the days $1..$2.
    static let heightsOfDays = """
        SELECT min(height), max(height)
        FROM chain.blocks
        WHERE time >= $1::date::timestamp AT TIME ZONE 'UTC'
          AND time < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'
        """

    /// What the stats tables span now: lowest and highest height of the per-block totals, earliest and latest
    /// day of each daily table, lowest and highest `all` bucket. Each is one end of a primary key.
    static let storedExtent = """
        SELECT (SELECT min(height) FROM stats.block_transaction_totals),
               (SELECT max(height) FROM stats.block_transaction_totals),
               (SELECT to_char(min(day), 'YYYY-MM-DD') FROM stats.daily_blocks),
               (SELECT to_char(max(day), 'YYYY-MM-DD') FROM stats.daily_blocks),
               (SELECT to_char(min(day), 'YYYY-MM-DD') FROM stats.daily_transactions),
               (SELECT to_char(max(day), 'YYYY-MM-DD') FROM stats.daily_transactions),
               (SELECT min(bucket) FROM stats.block_windows WHERE period = 'all'),
               (SELECT max(bucket) FROM stats.block_windows WHERE period = 'all')
        """

    /// Deletes the per-block totals of heights $1..$2 (heights no block holds any more).
    static let deleteBlockTotals = "DELETE FROM stats.block_transaction_totals WHERE height BETWEEN $1::bigint AND $2::bigint"
    /// Deletes the `stats.daily_blocks` rows of the days $1..$2 (days outside the chain).
    static let deleteDailyBlocks = "DELETE FROM stats.daily_blocks WHERE day BETWEEN $1::date AND $2::date"
    /// Deletes the `stats.daily_transactions` rows of the days $1..$2 (days outside the chain).
    static let deleteDailyTransactions = "DELETE FROM stats.daily_transactions WHERE day BETWEEN $1::date AND $2::date"
    /// Deletes the `all` buckets $1..$2 (buckets no block falls in any more).
    static let deleteAllBuckets = """
        DELETE FROM stats.block_windows WHERE period = 'all' AND bucket BETWEEN $1::bigint AND $2::bigint
        """
    /// Deletes the week and month windows (the chain has no block left).
    static let deleteMovingWindows = "DELETE FROM stats.block_windows WHERE period IN ('week', 'month')"
}
