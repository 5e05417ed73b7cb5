extension AggregateDailySQL {
    /// Recomputes the buckets of period $1 from the blocks at heights $4..$5, bucket = (height - $2) / $3, and
    /// deletes the period's buckets numbered $6..$7 that no block fills any more. Per bucket: mean difficulty
    /// (over `numeric`, so exactly reproducible), transfer volume sum and per-block min and max, transfer count
    /// and volume per transfer. Only rows that differ are written; returns how many. `OFFSET 0` keeps each
    /// block's totals a primary-key lookup rather than a hash of the whole totals table.
    static let upsertBlockWindows = """
        WITH per_block AS (
            SELECT b.height, b.difficulty,
                   coalesce(t.amount_sum, 0) AS volume, coalesce(t.tx_count, 0) AS transfers
            FROM chain.blocks AS b
            LEFT JOIN LATERAL (
                SELECT t.amount_sum, t.tx_count
                FROM stats.block_transaction_totals AS t
                WHERE t.height = b.height AND t.tx_type = 'transfer'
                OFFSET 0
            ) AS t ON true
            WHERE b.height BETWEEN $4::bigint AND $5::bigint
        ), computed AS (
            SELECT $1::text AS period,
                   ((height - $2::bigint) / $3::bigint)::integer AS bucket,
                   min(height) AS lower_height,
                   max(height) AS upper_height,
                   count(*)::integer AS blocks,
                   avg(difficulty::numeric)::double precision AS difficulty_mean,
                   sum(volume) AS volume_sum,
                   min(volume) AS volume_min,
                   max(volume) AS volume_max,
                   sum(transfers)::bigint AS tx_count,
                   sum(volume) / nullif(sum(transfers), 0) AS volume_mean
            FROM per_block
            GROUP BY 2
        ), written AS (
            INSERT INTO stats.block_windows AS w
                (period, bucket, lower_height, upper_height, blocks, difficulty_mean, volume_sum, volume_min,
                 volume_max, tx_count, volume_mean)
            SELECT period, bucket, lower_height, upper_height, blocks, difficulty_mean, volume_sum, volume_min,
                   volume_max, tx_count, volume_mean
            FROM computed
            ON CONFLICT (period, bucket) DO UPDATE SET
                lower_height = EXCLUDED.lower_height, upper_height = EXCLUDED.upper_height,
                blocks = EXCLUDED.blocks, difficulty_mean = EXCLUDED.difficulty_mean,
                volume_sum = EXCLUDED.volume_sum, volume_min = EXCLUDED.volume_min,
                volume_max = EXCLUDED.volume_max, tx_count = EXCLUDED.tx_count, volume_mean = EXCLUDED.volume_mean
            WHERE (w.lower_height, w.upper_height, w.blocks, w.difficulty_mean, w.volume_sum, w.volume_min,
                   w.volume_max, w.tx_count, w.volume_mean)
                IS DISTINCT FROM
                  (EXCLUDED.lower_height, EXCLUDED.upper_height, EXCLUDED.blocks, EXCLUDED.difficulty_mean,
                   EXCLUDED.volume_sum, EXCLUDED.volume_min, EXCLUDED.volume_max, EXCLUDED.tx_count,
                   EXCLUDED.volume_mean)
            RETURNING 1
        ), removed AS (
            DELETE FROM stats.block_windows AS w
            WHERE w.period = $1::text AND w.bucket BETWEEN $6::bigint AND $7::bigint
              AND NOT EXISTS (SELECT 1 FROM computed AS c WHERE c.bucket = w.bucket)
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM written) + (SELECT count(*) FROM removed)
        """
}
