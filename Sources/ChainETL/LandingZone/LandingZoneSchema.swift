/// The landing zone's tables, in the raw database (`RAW_DATABASE_URL`). Internal to the product: `copy-raw`
/// is their only reader.
///
/// A block lands as the node's own answer (the JSON text of `getblock`), so `copy-raw --rebuild` can re-derive
/// everything after a fix without asking the node again, and a person can read it with `body::jsonb`.
/// Blocks that leave the best chain stay, flagged, and every change of the best chain is appended to
/// `raw.chain_events`, which later steps replay in order to apply each change exactly once.
public enum LandingZoneSchema {
    /// The landing zone's numbered migrations (track `raw`). Never edit one that has shipped; add another.
    public static let track = MigrationTrack(name: "raw", migrations: [
        Migration(version: 1, name: "landing zone: blocks and best-chain events", sql: """
            CREATE SCHEMA IF NOT EXISTS raw;

            CREATE TABLE raw.blocks (
                hash           text PRIMARY KEY,
                height         bigint NOT NULL CHECK (height >= 0),
                previous_hash  text,
                in_best_chain  boolean NOT NULL,
                time           timestamptz NOT NULL,
                tx_count       integer NOT NULL,
                input_count    integer NOT NULL,
                output_count   integer NOT NULL,
                format         smallint NOT NULL CHECK (format IN (1, 2, 3)),
                body           text NOT NULL,
                transactions   text,
                fetched_at     timestamptz NOT NULL DEFAULT now(),
                CHECK ((format = 1) = (transactions IS NOT NULL))
            );
            COMMENT ON TABLE raw.blocks IS 'Blocks as the node answered getblock (format 3: verbosity 3, 2: verbosity 2, 1: verbosity 1 plus getrawtransaction answers in transactions). Rows that left the best chain stay with in_best_chain = false.';
            ALTER TABLE raw.blocks ALTER COLUMN body SET COMPRESSION lz4;
            ALTER TABLE raw.blocks ALTER COLUMN transactions SET COMPRESSION lz4;
            CREATE UNIQUE INDEX blocks_best_chain_height ON raw.blocks (height) WHERE in_best_chain;

            CREATE TABLE raw.chain_events (
                sequence     bigserial PRIMARY KEY,
                change       text NOT NULL CHECK (change IN ('joined', 'left')),
                height       bigint NOT NULL,
                hash         text NOT NULL,
                recorded_at  timestamptz NOT NULL DEFAULT now()
            );
            COMMENT ON TABLE raw.chain_events IS 'Every change of the best chain, in order: a block joined or left. Consumers keep the last sequence they applied.';
            """),
    ])
}
