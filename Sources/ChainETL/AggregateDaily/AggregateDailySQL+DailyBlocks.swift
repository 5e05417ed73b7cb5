extension AggregateDailySQL {
    /// Recomputes `stats.daily_blocks` for the days $1..$2 (all inside the chain's days, so each gets a row,
    /// days without blocks included). Blocks are found by time (`blocks_time_idx`); each block's interval needs
    /// the block one height below, and the day's hashrate the block before its first, both read by primary key
    /// in scalar subqueries (a join would let the planner hash the whole of `chain.blocks`), and each block's
    /// totals in a LATERAL aggregate (a nested loop over the primary key, whatever the table statistics say).
    /// `issued_total` continues from the last row before $1. Only rows that differ are written; returns how many.
    ///
    /// Means of `difficulty` are taken over `numeric`, so they do not depend on the order rows are summed in
    /// and a recomputation reproduces them exactly.
    static let upsertDailyBlocks = """
        WITH days AS (
            SELECT day::date AS day FROM generate_series($1::date, $2::date, interval '1 day') AS day
        ), day_blocks AS (
            SELECT b.height, (b.time AT TIME ZONE 'UTC')::date AS day, b.size, b.difficulty,
                   extract(epoch FROM b.time - (SELECT p.time FROM chain.blocks AS p WHERE p.height = b.height - 1)
                   )::bigint AS interval,
                   coalesce(totals.reward, 0) AS reward, coalesce(totals.fees, 0) AS fees
            FROM chain.blocks AS b
            LEFT JOIN LATERAL (
                SELECT sum(t.amount_sum) FILTER (WHERE t.tx_type = 'coinbase') AS reward, sum(t.fee_sum) AS fees
                FROM stats.block_transaction_totals AS t
                WHERE t.height = b.height
            ) AS totals ON true
            WHERE b.time >= $1::date::timestamp AT TIME ZONE 'UTC'
              AND b.time < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'
        ), per_day AS (
            SELECT d.day,
                   count(db.height)::integer AS blocks,
                   min(db.height) AS first_height,
                   max(db.height) AS last_height,
                   avg(db.size) AS size_mean,
                   min(db.size) AS size_min,
                   max(db.size) AS size_max,
                   avg(db.interval) AS interval_mean,
                   min(db.interval) AS interval_min,
                   max(db.interval) AS interval_max,
                   avg(db.difficulty::numeric)::double precision AS difficulty_mean,
                   sum(db.difficulty::numeric) * 4294967296 AS work,
                   coalesce(sum(db.reward - db.fees), 0) AS subsidy_sum,
                   coalesce(sum(db.fees), 0) AS fee_sum,
                   avg(db.fees) AS fee_mean,
                   coalesce(sum(db.reward), 0) AS reward_sum,
                   avg(db.reward) AS reward_mean
            FROM days AS d
            LEFT JOIN day_blocks AS db ON db.day = d.day
            GROUP BY d.day
        ), computed AS (
            SELECT pd.*,
                   CASE WHEN span.seconds > 0 THEN (pd.work / span.seconds)::double precision END AS hashrate
            FROM per_day AS pd
            CROSS JOIN LATERAL (
                SELECT extract(epoch FROM (SELECT time FROM chain.blocks WHERE height = pd.last_height)
                                        - (SELECT time FROM chain.blocks WHERE height = pd.first_height - 1)) AS seconds
            ) AS span
        ), totalled AS (
            SELECT c.*, base.issued + sum(c.subsidy_sum) OVER (ORDER BY c.day) AS issued_total
            FROM computed AS c
            CROSS JOIN (
                SELECT coalesce((SELECT issued_total FROM stats.daily_blocks WHERE day < $1::date
                                 ORDER BY day DESC LIMIT 1), 0) AS issued
            ) AS base
        ), written AS (
            INSERT INTO stats.daily_blocks AS r
                (day, blocks, first_height, last_height, size_mean, size_min, size_max, interval_mean, interval_min,
                 interval_max, difficulty_mean, hashrate, subsidy_sum, fee_sum, fee_mean, reward_sum, reward_mean,
                 issued_total)
            SELECT day, blocks, first_height, last_height, size_mean, size_min, size_max, interval_mean,
                   interval_min, interval_max, difficulty_mean, hashrate, subsidy_sum, fee_sum, fee_mean, reward_sum,
                   reward_mean, issued_total
            FROM totalled
            ON CONFLICT (day) DO UPDATE SET
                blocks = EXCLUDED.blocks, first_height = EXCLUDED.first_height, last_height = EXCLUDED.last_height,
                size_mean = EXCLUDED.size_mean, size_min = EXCLUDED.size_min, size_max = EXCLUDED.size_max,
                interval_mean = EXCLUDED.interval_mean, interval_min = EXCLUDED.interval_min,
                interval_max = EXCLUDED.interval_max, difficulty_mean = EXCLUDED.difficulty_mean,
                hashrate = EXCLUDED.hashrate, subsidy_sum = EXCLUDED.subsidy_sum, fee_sum = EXCLUDED.fee_sum,
                fee_mean = EXCLUDED.fee_mean, reward_sum = EXCLUDED.reward_sum, reward_mean = EXCLUDED.reward_mean,
                issued_total = EXCLUDED.issued_total
            WHERE (r.blocks, r.first_height, r.last_height, r.size_mean, r.size_min, r.size_max, r.interval_mean,
                   r.interval_min, r.interval_max, r.difficulty_mean, r.hashrate, r.subsidy_sum, r.fee_sum,
                   r.fee_mean, r.reward_sum, r.reward_mean, r.issued_total)
                IS DISTINCT FROM
                  (EXCLUDED.blocks, EXCLUDED.first_height, EXCLUDED.last_height, EXCLUDED.size_mean,
                   EXCLUDED.size_min, EXCLUDED.size_max, EXCLUDED.interval_mean, EXCLUDED.interval_min,
                   EXCLUDED.interval_max, EXCLUDED.difficulty_mean, EXCLUDED.hashrate, EXCLUDED.subsidy_sum,
                   EXCLUDED.fee_sum, EXCLUDED.fee_mean, EXCLUDED.reward_sum, EXCLUDED.reward_mean,
                   EXCLUDED.issued_total)
            RETURNING 1
        )
        SELECT count(*) FROM written
        """

    /// Carries `issued_total` on through the days after $1 up to $2 (the chain's last day: days a run did not
    /// recompute, whose earlier subsidy may have changed): each is the last total up to $1 plus the subsidy
    /// since. Normally no row lies after $1; writes only rows that differ and returns how many.
    static let carryIssuedTotal = """
        WITH base AS (
            SELECT coalesce((SELECT issued_total FROM stats.daily_blocks WHERE day <= $1::date
                             ORDER BY day DESC LIMIT 1), 0) AS issued
        ), carried AS (
            SELECT d.day, base.issued + sum(d.subsidy_sum) OVER (ORDER BY d.day) AS issued_total
            FROM stats.daily_blocks AS d CROSS JOIN base
            WHERE d.day BETWEEN $1::date + 1 AND $2::date
        )
        UPDATE stats.daily_blocks AS d SET issued_total = c.issued_total
        FROM carried AS c
        WHERE d.day BETWEEN $1::date + 1 AND $2::date
          AND d.day = c.day AND d.issued_total IS DISTINCT FROM c.issued_total
        """
}
