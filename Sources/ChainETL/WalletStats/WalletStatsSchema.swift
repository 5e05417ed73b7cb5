/// The tables `wallet-stats` owns (SPEC.md: `stats.address_stats`, `stats.address_daily`, `stats.daily_addresses`
/// and the four distribution tables) and its user-editable inputs in `etl` (labels, watched addresses, threshold
/// overrides). One track so the whole area migrates as a unit; other tools (build-top10) read
/// `stats.address_stats` and `etl.address_labels` by these exact names.
///
/// `stats.address_stats` and `stats.address_daily` have no index besides their keys, and room in every page
/// (fillfactor 85): an hourly run rewrites tens of thousands of their rows, and with the keys unchanged and no
/// other index PostgreSQL updates them in place (HOT) without touching an index. The rankings (percentiles, top
/// shares, the rich list) read all positive balances anyway.
public enum WalletStatsSchema {
    /// The `stats-wallet` track. Never edit a migration that has shipped; append a new version.
    public static let track = MigrationTrack(name: "stats-wallet", migrations: [
        Migration(version: 1, name: "address statistics, distributions, labels, watched addresses", sql: """
            SET LOCAL client_min_messages = warning;
            CREATE SCHEMA IF NOT EXISTS stats;

            CREATE TABLE stats.address_stats (
                address            text PRIMARY KEY,
                balance            bigint NOT NULL CHECK (balance >= 0),
                received           numeric NOT NULL,
                sent               numeric NOT NULL,
                tx_count           bigint NOT NULL,
                first_seen_height  bigint NOT NULL,
                first_seen_time    timestamptz NOT NULL,
                last_seen_height   bigint NOT NULL,
                last_seen_time     timestamptz NOT NULL
            ) WITH (fillfactor = 85);
            COMMENT ON TABLE stats.address_stats IS 'One row per address that appears in the best chain''s ledger (chain.address_movements). balance = received - sent in base units; tx_count counts each transaction once per address; first/last seen are the lowest/highest block where it received or sent. Kept up to date by wallet-stats from chain.block_changes.';

            CREATE TABLE stats.address_daily (
                address   text NOT NULL,
                day       date NOT NULL,
                received  numeric NOT NULL,
                sent      numeric NOT NULL,
                tx_count  integer NOT NULL,
                balance   bigint NOT NULL,
                PRIMARY KEY (address, day)
            ) WITH (fillfactor = 85);
            CREATE INDEX address_daily_day_idx ON stats.address_daily (day);
            COMMENT ON TABLE stats.address_daily IS 'Per address and UTC day with activity (a row only where the address received or sent that day), for the ADDRESS_DAILY_DAYS days ending at the tip block''s day. balance = received - sent over every best-chain block whose day is on or before this day (end of day). On a day without a row the balance is that of the latest earlier row.';

            CREATE TABLE stats.daily_addresses (
                day                 date PRIMARY KEY,
                new_addresses       bigint NOT NULL,
                active_addresses    bigint NOT NULL,
                total_addresses     bigint NOT NULL,
                nonempty_addresses  bigint NOT NULL,
                nonempty_change     bigint NOT NULL
            );
            COMMENT ON TABLE stats.daily_addresses IS 'Per UTC day that has a best-chain block: new = addresses whose first block (first_seen_height) is of that day; active = addresses that received or sent that day; total = addresses first seen on or before it; nonempty = addresses whose end-of-day balance (as in stats.address_daily) is positive; nonempty_change = nonempty minus the previous row''s.';

            CREATE TABLE stats.balance_thresholds (
                threshold    bigint PRIMARY KEY,
                addresses    bigint NOT NULL,
                balance_sum  numeric NOT NULL
            );
            COMMENT ON TABLE stats.balance_thresholds IS 'Addresses with balance >= threshold (base units) and the sum of their balances. Thresholds are the rows of etl.balance_thresholds, or the chain''s defaults while that table is empty.';

            CREATE TABLE stats.balance_percentiles (
                percentile    integer PRIMARY KEY CHECK (percentile BETWEEN 1 AND 100),
                addresses     bigint NOT NULL,
                balance_sum   numeric NOT NULL,
                balance_min   bigint NOT NULL,
                balance_max   bigint NOT NULL,
                balance_mean  numeric NOT NULL,
                share         numeric NOT NULL
            );
            COMMENT ON TABLE stats.balance_percentiles IS 'Addresses with balance > 0 ordered by (balance, address in byte order) and cut into 100 groups of equal count (sizes differ by at most one, larger groups first, as ntile does); 1 holds the smallest balances. With fewer than 100 such addresses each is a group of its own. share = balance_sum / sum of all positive balances x 100, rounded to 8 decimals.';

            CREATE TABLE stats.top_share (
                top_n        integer PRIMARY KEY,
                addresses    bigint NOT NULL,
                balance_sum  numeric NOT NULL,
                share        numeric
            );
            COMMENT ON TABLE stats.top_share IS 'Sum of the top_n largest balances (fewer addresses while the chain has fewer) and its share of the supply at the tip block (chain.blocks.supply) x 100, rounded to 8 decimals; NULL while the supply is 0.';

            CREATE TABLE stats.label_holdings (
                category            text PRIMARY KEY,
                addresses           bigint NOT NULL,
                nonempty_addresses  bigint NOT NULL,
                balance_sum         numeric NOT NULL,
                share               numeric
            );
            COMMENT ON TABLE stats.label_holdings IS 'Per category of etl.address_labels: labelled addresses (seen on chain or not), those with balance > 0, their balance sum and its share of the supply at the tip block x 100, rounded to 8 decimals.';

            CREATE TABLE etl.address_labels (
                address      text PRIMARY KEY,
                label        text,
                category     text NOT NULL,
                imported_at  timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX address_labels_category_idx ON etl.address_labels (category);
            COMMENT ON TABLE etl.address_labels IS 'User labels, imported with `wallet-stats labels import FILE.csv` (columns address,label,category). Addresses need not appear on chain.';

            CREATE TABLE etl.watched_addresses (
                address   text PRIMARY KEY,
                owner     text,
                added_at  timestamptz NOT NULL DEFAULT now()
            );
            COMMENT ON TABLE etl.watched_addresses IS 'Addresses whose transactions stats.watched_transactions lists; edit with `wallet-stats watch add|remove`.';

            CREATE TABLE etl.balance_thresholds (
                threshold  bigint PRIMARY KEY CHECK (threshold > 0),
                note       text
            );
            COMMENT ON TABLE etl.balance_thresholds IS 'Balance thresholds in base units for stats.balance_thresholds. Empty means the chain''s defaults (Bitcoin: 0.001 to 10000 coins in powers of ten). Edit freely; the next wallet-stats run applies them.';

            CREATE TABLE etl.wallet_stats_window (
                singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                first_day  date
            );
            COMMENT ON TABLE etl.wallet_stats_window IS 'wallet-stats bookkeeping: the first day stats.address_daily currently holds, so a longer window (ADDRESS_DAILY_DAYS raised, or the tip''s day moved back by a reorg) is filled in exactly.';

            CREATE VIEW stats.watched_transactions AS
            SELECT w.address, w.owner, m.block_height, m.tx_index, t.txid, b.time AS block_time,
                   m.received, m.sent, m.received - m.sent AS net_flow,
                   sum(m.received - m.sent) OVER (PARTITION BY w.address ORDER BY m.block_height, m.tx_index)
                       AS balance_after
            FROM etl.watched_addresses w
            JOIN chain.address_movements m ON m.address = w.address
            JOIN chain.transactions t ON t.block_height = m.block_height AND t.tx_index = m.tx_index
            JOIN chain.blocks b ON b.height = m.block_height
            ORDER BY m.block_height DESC, m.tx_index DESC, w.address;
            COMMENT ON VIEW stats.watched_transactions IS 'For each watched address (etl.watched_addresses), every best-chain transaction it received or sent in, newest first: net_flow = received - sent by that address in that transaction, balance_after = its balance after the transaction. Derived from chain.* at query time.';
            """),
        // Days without blocks get a row, as in stats.daily_blocks (DailyAddressSpan). The rows already stored are
        // exact, so each missing day between two of them gets zeros and the totals of the row before it.
        Migration(version: 2, name: "daily addresses: a row for every day, days without blocks included", sql: """
            INSERT INTO stats.daily_addresses (day, new_addresses, active_addresses, total_addresses,
                                               nonempty_addresses, nonempty_change)
            SELECT d::date, 0, 0, p.total_addresses, p.nonempty_addresses, 0
            FROM (SELECT min(day) AS first_day, max(day) AS last_day FROM stats.daily_addresses) s
            CROSS JOIN generate_series(s.first_day, s.last_day, interval '1 day') AS d
            CROSS JOIN LATERAL (
                SELECT total_addresses, nonempty_addresses FROM stats.daily_addresses x
                WHERE x.day < d::date ORDER BY x.day DESC LIMIT 1
            ) p
            ON CONFLICT (day) DO NOTHING;
            COMMENT ON TABLE stats.daily_addresses IS 'Per UTC day from the earliest best-chain block time''s to the latest''s, days without blocks included: new = addresses whose first block (first_seen_height) is of that day; active = addresses that received or sent that day; total = addresses first seen on or before it; nonempty = addresses whose end-of-day balance (as in stats.address_daily) is positive; nonempty_change = nonempty minus the previous row''s.';
            """),
    ])

    /// Every track `wallet-stats` needs, in order: its own reads `chain.*` and writes `etl.cursors`.
    public static let requiredTracks = [CoreMigrations.track, ChainSchema.track, track]
}
