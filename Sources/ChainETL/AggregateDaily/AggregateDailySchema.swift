/// The tables `aggregate-daily` writes in the analytics database: the published daily statistics and block
/// windows (SPEC.md, schema `stats`), and the per-block totals they are summed from.
///
/// `stats.block_transaction_totals` is what keeps an hourly run cheap on a long chain: each block's
/// transactions are summed once, when the block joins, so a day, a window or a bucket is later re-summed from a
/// few hundred per-block rows instead of from every transaction it covers.
public enum AggregateDailySchema {
    /// The `stats-daily` track. Never edit a migration that has shipped; append a new version.
    public static let track = MigrationTrack(name: "stats-daily", migrations: [
        Migration(version: 1, name: "daily blocks, daily transactions, block windows, per-block totals", sql: """
            CREATE SCHEMA IF NOT EXISTS stats;

            CREATE TABLE stats.block_transaction_totals (
                height        bigint NOT NULL,
                tx_type       text NOT NULL,
                tx_count      integer NOT NULL,
                amount_sum    numeric NOT NULL,
                fee_sum       numeric NOT NULL,
                fee_min       bigint,
                fee_max       bigint,
                input_count   bigint NOT NULL,
                output_count  bigint NOT NULL,
                PRIMARY KEY (height, tx_type)
            );
            COMMENT ON TABLE stats.block_transaction_totals IS 'Per best-chain block and transaction type (coinbase, transfer): count, amount (sum of outputs), fees and counts of inputs and outputs. The daily tables and block windows are sums of these rows. Written by aggregate-daily.';

            CREATE TABLE stats.daily_blocks (
                day              date PRIMARY KEY,
                blocks           integer NOT NULL,
                first_height     bigint,
                last_height      bigint,
                size_mean        numeric,
                size_min         integer,
                size_max         integer,
                interval_mean    numeric,
                interval_min     bigint,
                interval_max     bigint,
                difficulty_mean  double precision,
                hashrate         double precision,
                subsidy_sum      numeric NOT NULL,
                fee_sum          numeric NOT NULL,
                fee_mean         numeric,
                reward_sum       numeric NOT NULL,
                reward_mean      numeric,
                issued_total     numeric NOT NULL
            );
            COMMENT ON TABLE stats.daily_blocks IS 'One row per UTC day from the day of the first block to the day of the latest block time, days without blocks included (blocks = 0). Day = UTC day of the block header time. interval = seconds since the block one height below (may be negative). hashrate = sum(difficulty * 2^32) / seconds from the block before the day''s first block to the day''s last block (heights), NULL when that span is not positive. subsidy = coinbase outputs - fees; reward = coinbase outputs; fee_mean and reward_mean per block; issued_total = cumulative subsidy up to the end of the day. Amounts in base units. Written by aggregate-daily.';
            COMMENT ON COLUMN stats.daily_blocks.hashrate IS 'Hashes per second: sum over the day''s blocks of difficulty * 2^32, divided by the seconds between the block just before the day''s first block and the day''s last block.';
            COMMENT ON COLUMN stats.daily_blocks.issued_total IS 'Sum of subsidy_sum over this day and every earlier day.';

            CREATE TABLE stats.daily_transactions (
                day           date NOT NULL,
                tx_type       text NOT NULL,
                tx_count      bigint NOT NULL,
                amount_sum    numeric NOT NULL,
                fee_sum       numeric NOT NULL,
                fee_mean      numeric,
                fee_min       bigint,
                fee_max       bigint,
                input_count   bigint NOT NULL,
                output_count  bigint NOT NULL,
                PRIMARY KEY (day, tx_type)
            );
            COMMENT ON TABLE stats.daily_transactions IS 'Per UTC day (same days as stats.daily_blocks) and transaction type (coinbase, transfer, both always present). amount = sum of outputs (change included); fee = inputs - outputs; fee statistics cover transfers only (coinbase: fee_sum 0, fee_mean/min/max NULL); fee_mean per transaction. Written by aggregate-daily.';

            CREATE TABLE stats.block_windows (
                period           text NOT NULL CHECK (period IN ('week', 'month', 'all')),
                bucket           integer NOT NULL CHECK (bucket >= 0),
                lower_height     bigint NOT NULL,
                upper_height     bigint NOT NULL,
                blocks           integer NOT NULL,
                difficulty_mean  double precision NOT NULL,
                volume_sum       numeric NOT NULL,
                volume_min       numeric NOT NULL,
                volume_max       numeric NOT NULL,
                tx_count         bigint NOT NULL,
                volume_mean      numeric,
                PRIMARY KEY (period, bucket)
            );
            COMMENT ON TABLE stats.block_windows IS 'Mean difficulty and transfer volume per bucket of blocks: week = the last 1008 blocks in buckets of 6 from the window''s first block, month = the last 4320 in buckets of 144, all = every block in buckets of 1008 from height 0. Bucket 0 is the oldest; the last may be partial. volume = sum of transfer outputs; volume_min/max per block; tx_count = transfers; volume_mean = volume_sum / tx_count. Written by aggregate-daily.';
            """),
    ])
}
