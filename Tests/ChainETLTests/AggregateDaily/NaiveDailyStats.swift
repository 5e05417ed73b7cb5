import ChainETL
import TestSupport

/// SPEC.md's daily statistics and block windows computed the slow, obvious way: straight from `chain.blocks` and
/// `chain.transactions`, over the whole chain, with none of the tool's per-block totals, day ranges or bucket
/// arithmetic. Tests compare the tool's incremental tables with these on simnode chains.
enum NaiveDailyStats {
    /// Per block: its UTC day, interval, coinbase outputs and fees, from the raw tables.
    private static let perBlock = """
        WITH per_block AS (
            SELECT b.height, (b.time AT TIME ZONE 'UTC')::date AS day, b.size, b.difficulty, b.time,
                   extract(epoch FROM b.time - lag(b.time) OVER (ORDER BY b.height))::bigint AS interval,
                   (SELECT sum(output_value) FROM chain.transactions WHERE block_height = b.height AND is_coinbase) AS reward,
                   (SELECT coalesce(sum(fee), 0) FROM chain.transactions WHERE block_height = b.height AND NOT is_coinbase) AS fees
            FROM chain.blocks AS b
        ), days AS (
            SELECT generate_series(min(day), max(day), interval '1 day')::date AS day FROM per_block
        )
        """

    static func blocks(_ connection: PostgresConnection) throws -> [DailyBlocksRow] {
        try connection.query(perBlock + """
            , per_day AS (
                SELECT d.day, count(p.height)::int AS blocks, min(p.height) AS first_height, max(p.height) AS last_height,
                       avg(p.size) AS size_mean, min(p.size) AS size_min, max(p.size) AS size_max,
                       avg(p.interval) AS interval_mean, min(p.interval) AS interval_min, max(p.interval) AS interval_max,
                       avg(p.difficulty) AS difficulty_mean, sum(p.difficulty) * 4294967296 AS work,
                       coalesce(sum(p.reward - p.fees), 0) AS subsidy_sum, coalesce(sum(p.fees), 0) AS fee_sum,
                       avg(p.fees) AS fee_mean, coalesce(sum(p.reward), 0) AS reward_sum, avg(p.reward) AS reward_mean
                FROM days AS d LEFT JOIN per_block AS p ON p.day = d.day
                GROUP BY d.day
            )
            SELECT to_char(pd.day, 'YYYY-MM-DD'), blocks, first_height, last_height, trim_scale(round(size_mean, 6))::text,
                   size_min, size_max, trim_scale(round(interval_mean, 6))::text, interval_min, interval_max,
                   difficulty_mean,
                   CASE WHEN extract(epoch FROM l.time - f.time) > 0 THEN work / extract(epoch FROM l.time - f.time)::float8 END,
                   subsidy_sum::text, fee_sum::text, trim_scale(round(fee_mean, 6))::text, reward_sum::text,
                   trim_scale(round(reward_mean, 6))::text,
                   (sum(subsidy_sum) OVER (ORDER BY pd.day))::text
            FROM per_day AS pd
            LEFT JOIN chain.blocks AS l ON l.height = pd.last_height
            LEFT JOIN chain.blocks AS f ON f.height = pd.first_height - 1
            ORDER BY pd.day
            """).map { row in
            DailyBlocksRow(
                day: try row.string(0), blocks: try row.int(1), firstHeight: try row.decode(at: 2),
                lastHeight: try row.decode(at: 3), sizeMean: try row.decode(at: 4), sizeMin: try row.decode(at: 5),
                sizeMax: try row.decode(at: 6), intervalMean: try row.decode(at: 7), intervalMin: try row.decode(at: 8),
                intervalMax: try row.decode(at: 9), difficultyMean: try row.decode(at: 10),
                hashrate: try row.decode(at: 11), subsidySum: try row.string(12), feeSum: try row.string(13),
                feeMean: try row.decode(at: 14), rewardSum: try row.string(15), rewardMean: try row.decode(at: 16),
                issuedTotal: try row.string(17))
        }
    }

    static func transactions(_ connection: PostgresConnection) throws -> [DailyTransactionsRow] {
        try connection.query(perBlock + """
            , types AS (SELECT unnest(ARRAY['coinbase', 'transfer']) AS tx_type),
            txs AS (
                SELECT (b.time AT TIME ZONE 'UTC')::date AS day,
                       CASE WHEN t.is_coinbase THEN 'coinbase' ELSE 'transfer' END AS tx_type, t.*
                FROM chain.transactions AS t JOIN chain.blocks AS b ON b.height = t.block_height
            )
            SELECT to_char(d.day, 'YYYY-MM-DD'), ty.tx_type, count(t.txid), coalesce(sum(t.output_value), 0)::text,
                   coalesce(sum(t.fee), 0)::text,
                   CASE WHEN ty.tx_type = 'transfer' THEN trim_scale(round(avg(t.fee), 6))::text END,
                   CASE WHEN ty.tx_type = 'transfer' THEN min(t.fee) END,
                   CASE WHEN ty.tx_type = 'transfer' THEN max(t.fee) END,
                   coalesce(sum(t.input_count), 0), coalesce(sum(t.output_count), 0)
            FROM days AS d CROSS JOIN types AS ty
            LEFT JOIN txs AS t ON t.day = d.day AND t.tx_type = ty.tx_type
            GROUP BY d.day, ty.tx_type
            ORDER BY d.day, ty.tx_type
            """).map { row in
            DailyTransactionsRow(
                day: try row.string(0), type: try row.string(1), count: try row.int64(2), amountSum: try row.string(3),
                feeSum: try row.string(4), feeMean: try row.decode(at: 5), feeMin: try row.decode(at: 6),
                feeMax: try row.decode(at: 7), inputCount: try row.int64(8), outputCount: try row.int64(9))
        }
    }

    /// `period`'s buckets: the window from the chain's own extent, buckets by plain division.
    static func windows(_ connection: PostgresConnection, _ period: BlockWindowPeriod) throws -> [BlockWindowRow] {
        let size: Int64 = period == .week ? 1_008 : period == .month ? 4_320 : Int64.max / 2
        return try connection.query("""
            WITH extent AS (
                SELECT greatest(max(height) - $1::bigint + 1, min(height)) AS first FROM chain.blocks
            ), per_block AS (
                SELECT b.height, b.difficulty,
                       coalesce((SELECT sum(output_value) FROM chain.transactions
                                 WHERE block_height = b.height AND NOT is_coinbase), 0) AS volume,
                       (SELECT count(*) FROM chain.transactions WHERE block_height = b.height AND NOT is_coinbase) AS n
                FROM chain.blocks AS b, extent WHERE b.height >= extent.first
            )
            SELECT (height - CASE WHEN $2::text = 'all' THEN 0 ELSE (SELECT first FROM extent) END) / $3::bigint AS bucket,
                   min(height), max(height), count(*)::int, avg(difficulty), sum(volume)::text, min(volume)::text,
                   max(volume)::text, sum(n)::bigint,
                   trim_scale(round(sum(volume) / nullif(sum(n), 0), 6))::text
            FROM per_block GROUP BY 1 ORDER BY 1
            """, [size, period.rawValue, period.bucketSize]).map { row in
            BlockWindowRow(
                period: period.rawValue, bucket: try row.int(0), lowerHeight: try row.int64(1),
                upperHeight: try row.int64(2), blocks: try row.int(3), difficultyMean: try row.decode(at: 4),
                volumeSum: try row.string(5), volumeMin: try row.string(6), volumeMax: try row.string(7),
                txCount: try row.int64(8), volumeMean: try row.decode(at: 9))
        }
    }
}
