extension AggregateDailySQL {
    /// Recomputes `stats.daily_transactions` for the days $1..$2 and the types $3 (a `text[]`): one row per
    /// day and type, zero counts included, summed from the per-block totals of the blocks whose time falls on
    /// the day. Fee statistics are of transfers; a coinbase row has fee_sum 0 and NULL mean, min and max.
    /// `OFFSET 0` keeps the per-block lookup a nested loop over the primary key: flattened into a join, the
    /// planner may hash the whole totals table.
    /// Only rows that differ are written; returns how many.
    static let upsertDailyTransactions = """
        WITH days AS (
            SELECT day::date AS day FROM generate_series($1::date, $2::date, interval '1 day') AS day
        ), types AS (
            SELECT unnest($3::text[]) AS tx_type
        ), day_totals AS (
            SELECT (b.time AT TIME ZONE 'UTC')::date AS day, t.*
            FROM chain.blocks AS b
            CROSS JOIN LATERAL (
                SELECT * FROM stats.block_transaction_totals AS t WHERE t.height = b.height OFFSET 0
            ) AS t
            WHERE b.time >= $1::date::timestamp AT TIME ZONE 'UTC'
              AND b.time < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'
        ), computed AS (
            SELECT d.day, ty.tx_type,
                   coalesce(sum(dt.tx_count), 0)::bigint AS tx_count,
                   coalesce(sum(dt.amount_sum), 0) AS amount_sum,
                   coalesce(sum(dt.fee_sum), 0) AS fee_sum,
                   CASE WHEN ty.tx_type <> 'coinbase' THEN sum(dt.fee_sum) / nullif(sum(dt.tx_count), 0) END AS fee_mean,
                   min(dt.fee_min) AS fee_min,
                   max(dt.fee_max) AS fee_max,
                   coalesce(sum(dt.input_count), 0)::bigint AS input_count,
                   coalesce(sum(dt.output_count), 0)::bigint AS output_count
            FROM days AS d
            CROSS JOIN types AS ty
            LEFT JOIN day_totals AS dt ON dt.day = d.day AND dt.tx_type = ty.tx_type
            GROUP BY d.day, ty.tx_type
        ), written AS (
            INSERT INTO stats.daily_transactions AS r
                (day, tx_type, tx_count, amount_sum, fee_sum, fee_mean, fee_min, fee_max, input_count, output_count)
            SELECT day, tx_type, tx_count, amount_sum, fee_sum, fee_mean, fee_min, fee_max, input_count, output_count
            FROM computed
            ON CONFLICT (day, tx_type) DO UPDATE SET
                tx_count = EXCLUDED.tx_count, amount_sum = EXCLUDED.amount_sum, fee_sum = EXCLUDED.fee_sum,
                fee_mean = EXCLUDED.fee_mean, fee_min = EXCLUDED.fee_min, fee_max = EXCLUDED.fee_max,
                input_count = EXCLUDED.input_count, output_count = EXCLUDED.output_count
            WHERE (r.tx_count, r.amount_sum, r.fee_sum, r.fee_mean, r.fee_min, r.fee_max, r.input_count,
                   r.output_count)
                IS DISTINCT FROM
                  (EXCLUDED.tx_count, EXCLUDED.amount_sum, EXCLUDED.fee_sum, EXCLUDED.fee_mean, EXCLUDED.fee_min,
                   EXCLUDED.fee_max, EXCLUDED.input_count, EXCLUDED.output_count)
            RETURNING 1
        ), removed AS (
            DELETE FROM stats.daily_transactions AS r
            WHERE r.day BETWEEN $1::date AND $2::date
              AND NOT EXISTS (SELECT 1 FROM computed AS c WHERE c.day = r.day AND c.tx_type = r.tx_type)
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM written) + (SELECT count(*) FROM removed)
        """
}
