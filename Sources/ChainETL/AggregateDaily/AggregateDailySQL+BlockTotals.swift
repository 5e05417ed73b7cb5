extension AggregateDailySQL {
    /// Sums the transactions of heights $1..$2 per block and type into `stats.block_transaction_totals`:
    /// upserts rows that differ, deletes rows of those heights that no longer exist. Returns the rows written.
    /// Unchanged rows are not rewritten, so a repeated run leaves the table untouched.
    static let refreshBlockTotals = """
        WITH fresh AS (
            SELECT block_height AS height,
                   CASE WHEN is_coinbase THEN 'coinbase' ELSE 'transfer' END AS tx_type,
                   count(*)::integer AS tx_count,
                   sum(output_value) AS amount_sum,
                   coalesce(sum(fee) FILTER (WHERE NOT is_coinbase), 0) AS fee_sum,
                   min(fee) FILTER (WHERE NOT is_coinbase) AS fee_min,
                   max(fee) FILTER (WHERE NOT is_coinbase) AS fee_max,
                   sum(input_count)::bigint AS input_count,
                   sum(output_count)::bigint AS output_count
            FROM chain.transactions
            WHERE block_height BETWEEN $1::bigint AND $2::bigint
            GROUP BY 1, 2
        ), written AS (
            INSERT INTO stats.block_transaction_totals AS t
                (height, tx_type, tx_count, amount_sum, fee_sum, fee_min, fee_max, input_count, output_count)
            SELECT height, tx_type, tx_count, amount_sum, fee_sum, fee_min, fee_max, input_count, output_count
            FROM fresh
            ON CONFLICT (height, tx_type) DO UPDATE SET
                tx_count = EXCLUDED.tx_count, amount_sum = EXCLUDED.amount_sum, fee_sum = EXCLUDED.fee_sum,
                fee_min = EXCLUDED.fee_min, fee_max = EXCLUDED.fee_max, input_count = EXCLUDED.input_count,
                output_count = EXCLUDED.output_count
            WHERE (t.tx_count, t.amount_sum, t.fee_sum, t.fee_min, t.fee_max, t.input_count, t.output_count)
                IS DISTINCT FROM (EXCLUDED.tx_count, EXCLUDED.amount_sum, EXCLUDED.fee_sum, EXCLUDED.fee_min,
                                  EXCLUDED.fee_max, EXCLUDED.input_count, EXCLUDED.output_count)
            RETURNING 1
        ), removed AS (
            DELETE FROM stats.block_transaction_totals AS t
            WHERE t.height BETWEEN $1::bigint AND $2::bigint
              AND NOT EXISTS (SELECT 1 FROM fresh AS f WHERE f.height = t.height AND f.tx_type = t.tx_type)
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM written) + (SELECT count(*) FROM removed)
        """
}
