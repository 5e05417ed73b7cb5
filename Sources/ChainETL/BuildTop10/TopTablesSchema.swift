/// The small tables an API serves straight from the database (SPEC.md: `stats.top_richest`, `stats.top_miners`,
/// `stats.top_transactions_24h`, `stats.top_active_addresses_24h`, `stats.network_status`), owned by
/// `build-top10`. They are rebuilt in place by one transaction, so they are created once here and never dropped:
/// a reader must never find them missing or empty.
public enum TopTablesSchema {
    /// The `stats-top` track. Never edit a migration that has shipped; append a new version.
    public static let track = MigrationTrack(name: "stats-top", migrations: [
        Migration(version: 1, name: "top tables and network status", sql: """
            SET LOCAL client_min_messages = warning;
            CREATE SCHEMA IF NOT EXISTS stats;

            CREATE TABLE stats.top_richest (
                rank     integer PRIMARY KEY CHECK (rank >= 1),
                address  text NOT NULL,
                balance  bigint NOT NULL,
                share    numeric,
                label    text
            );
            COMMENT ON TABLE stats.top_richest IS 'The TOP_RICHEST_N addresses with the largest positive balance (from stats.address_stats), ranked from 1, ties by address ascending (byte order). share = balance / supply at the tip x 100, rounded to 8 decimals (NULL while supply is 0). label from etl.address_labels.';

            CREATE TABLE stats.top_miners (
                rank     integer PRIMARY KEY CHECK (rank >= 1),
                address  text NOT NULL,
                blocks   integer NOT NULL,
                share    numeric NOT NULL,
                reward   numeric NOT NULL
            );
            COMMENT ON TABLE stats.top_miners IS 'Every address a coinbase paid (value > 0) in the last 100 blocks of the best chain, ranked by blocks (per block each address counts once), ties by address ascending. share = blocks / blocks in the window x 100 (the window is 100 blocks once the chain has them), rounded to 8 decimals; reward = coinbase value paid to it in the window.';

            CREATE TABLE stats.top_transactions_24h (
                rank          integer PRIMARY KEY CHECK (rank >= 1),
                txid          text NOT NULL,
                block_height  bigint NOT NULL,
                tx_index      integer NOT NULL,
                block_time    timestamptz NOT NULL,
                amount        bigint NOT NULL,
                fee           bigint NOT NULL
            );
            COMMENT ON TABLE stats.top_transactions_24h IS 'The 10 transfer transactions with the largest amount (sum of outputs, change included) in blocks whose time is less than 24 h before the tip block''s time; ties by txid ascending.';

            CREATE TABLE stats.top_active_addresses_24h (
                rank      integer PRIMARY KEY CHECK (rank >= 1),
                address   text NOT NULL,
                tx_count  bigint NOT NULL,
                received  numeric NOT NULL,
                sent      numeric NOT NULL
            );
            COMMENT ON TABLE stats.top_active_addresses_24h IS 'The 10 addresses in the most transactions (coinbase included; a transaction counts once per address) in blocks whose time is less than 24 h before the tip block''s time, with what they received and sent there; ties by address ascending.';

            CREATE TABLE stats.network_status (
                height              bigint NOT NULL,
                tip_hash            text NOT NULL,
                tip_time            timestamptz NOT NULL,
                difficulty          double precision NOT NULL,
                hashrate            double precision,
                supply              bigint NOT NULL,
                nonempty_addresses  bigint NOT NULL,
                updated_at          timestamptz NOT NULL
            );
            CREATE UNIQUE INDEX network_status_single_row ON stats.network_status ((true));
            COMMENT ON TABLE stats.network_status IS 'One row (none before the first block): the tip, hashes per second over the last 144 blocks (sum of difficulty x 2^32 over the blocks after the block 144 below the tip, or after the first block on a shorter chain, divided by the seconds between that block and the tip; NULL when undefined), supply after the tip, addresses with a positive balance, and when build-top10 last changed any of its tables.';
            """),
        // As `chain.blocks.supply` (chain migration 5): Dogecoin's supply does not fit bigint.
        Migration(version: 2, name: "network status supply is numeric", sql: """
            ALTER TABLE stats.network_status ALTER COLUMN supply TYPE numeric;
            """),
        Migration(version: 3, name: "top miners' share is of the 100-block window, as SPEC.md defines it", sql: """
            COMMENT ON TABLE stats.top_miners IS 'Every address a coinbase paid (value > 0) in the last 100 blocks of the best chain, ranked by blocks (per block each address counts once), ties by address ascending. share = blocks / 100 x 100, rounded to 8 decimals (on a chain of fewer than 100 blocks the shares add up to less than 100); reward = coinbase value paid to it in the window.';
            """),
    ])
}
