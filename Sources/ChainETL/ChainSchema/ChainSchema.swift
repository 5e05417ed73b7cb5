/// The published `chain` tables (SPEC.md: the clean best chain) and copy-raw's own bookkeeping, in the analytics
/// database (`DATABASE_URL`).
///
/// Rows are keyed by their place in the chain (height, index in block, index in transaction), never by txid,
/// because two coinbases may share a txid (BIP30). Besides the contract tables, `copy-raw` keeps what the later
/// tools need to follow changes with set-based SQL:
/// - `chain.address_movements`, the per-address ledger (one row per block, transaction and address);
/// - `chain.block_changes`, every block that joined or left `chain.blocks`, in order, with its time;
/// - `chain.departed_movements`, the ledger rows of blocks that left, so a consumer can undo exactly what it
///   had counted.
public enum ChainSchema {
    /// The `chain` track. Never edit a migration that has shipped; append a new version.
    public static let track = MigrationTrack(name: "chain", migrations: [
        Migration(version: 1, name: "chain tables, address ledger, block changes, quarantine", sql: """
            CREATE SCHEMA IF NOT EXISTS chain;

            CREATE TABLE chain.blocks (
                height        bigint PRIMARY KEY CHECK (height >= 0),
                hash          text NOT NULL UNIQUE,
                prev_hash     text,
                time          timestamptz NOT NULL,
                size          integer,
                weight        integer,
                tx_count      integer NOT NULL,
                difficulty    double precision NOT NULL,
                input_count   integer NOT NULL,
                output_count  integer NOT NULL,
                supply        bigint NOT NULL,
                copied_at     timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX blocks_time_idx ON chain.blocks (time);
            COMMENT ON TABLE chain.blocks IS 'The best chain, one row per height. size and weight are NULL where the node did not report them. supply is the value of the unspent outputs after this block as the node''s gettxoutsetinfo counts it (no OP_RETURN outputs, no genesis coinbase, of two BIP30 duplicates only the later).';

            CREATE TABLE chain.transactions (
                block_height  bigint NOT NULL,
                tx_index      integer NOT NULL,
                txid          text NOT NULL,
                is_coinbase   boolean NOT NULL,
                size          integer,
                vsize         integer,
                input_count   integer NOT NULL,
                output_count  integer NOT NULL,
                input_value   bigint NOT NULL,
                output_value  bigint NOT NULL,
                fee           bigint NOT NULL,
                PRIMARY KEY (block_height, tx_index)
            );
            CREATE INDEX transactions_txid_idx ON chain.transactions (txid);
            COMMENT ON TABLE chain.transactions IS 'Best-chain transactions. txid is not unique (BIP30). input_count counts spending inputs (0 for a coinbase); fee = input_value - output_value, 0 for a coinbase. Amounts in base units.';

            CREATE TABLE chain.outputs (
                block_height  bigint NOT NULL,
                tx_index      integer NOT NULL,
                n             integer NOT NULL,
                txid          text NOT NULL,
                address       text,
                script_type   text NOT NULL,
                value         bigint NOT NULL CHECK (value >= 0),
                spent_height  bigint,
                PRIMARY KEY (block_height, tx_index, n)
            ) WITH (fillfactor = 90);
            CREATE INDEX outputs_txid_n_idx ON chain.outputs (txid, n);
            COMMENT ON TABLE chain.outputs IS 'Best-chain outputs. address is NULL when the node reports none (OP_RETURN, bare multisig, non-standard). spent_height is NULL while unspent.';

            CREATE TABLE chain.inputs (
                block_height        bigint NOT NULL,
                tx_index            integer NOT NULL,
                n                   integer NOT NULL,
                txid                text NOT NULL,
                spent_txid          text NOT NULL,
                spent_n             integer NOT NULL,
                address             text,
                value               bigint NOT NULL CHECK (value >= 0),
                spent_block_height  bigint,
                spent_tx_index      integer,
                PRIMARY KEY (block_height, tx_index, n)
            );
            COMMENT ON TABLE chain.inputs IS 'Best-chain inputs that spend an output (coinbase inputs are not rows), with the address and value of the output spent. spent_block_height and spent_tx_index place that output in chain.outputs; NULL only when it lies below the first copied block.';

            CREATE TABLE chain.address_movements (
                block_height  bigint NOT NULL,
                tx_index      integer NOT NULL,
                address       text NOT NULL,
                received      bigint NOT NULL,
                sent          bigint NOT NULL,
                amount        bigint GENERATED ALWAYS AS (received - sent) STORED,
                PRIMARY KEY (block_height, tx_index, address)
            );
            CREATE INDEX address_movements_address_idx ON chain.address_movements (address, block_height);
            COMMENT ON TABLE chain.address_movements IS 'Per-address ledger of the best chain: what each address received (outputs) and sent (spent outputs) in each transaction; amount = received - sent.';

            CREATE TABLE chain.block_changes (
                sequence      bigserial PRIMARY KEY,
                change        text NOT NULL CHECK (change IN ('joined', 'left')),
                height        bigint NOT NULL,
                hash          text NOT NULL,
                time          timestamptz NOT NULL,
                recorded_at   timestamptz NOT NULL DEFAULT now()
            );
            COMMENT ON TABLE chain.block_changes IS 'Every block that joined or left chain.blocks, in order (left tip first). Downstream tools keep the last sequence they applied in etl.cursors.';

            CREATE TABLE chain.departed_movements (
                change_sequence  bigint NOT NULL REFERENCES chain.block_changes (sequence),
                block_height     bigint NOT NULL,
                tx_index         integer NOT NULL,
                address          text NOT NULL,
                received         bigint NOT NULL,
                sent             bigint NOT NULL,
                PRIMARY KEY (change_sequence, tx_index, address)
            );
            COMMENT ON TABLE chain.departed_movements IS 'The chain.address_movements rows of each block that left the best chain, under its left change, so consumers can undo what they counted.';

            CREATE TABLE etl.validation_rules (
                rule         text PRIMARY KEY,
                enabled      boolean NOT NULL DEFAULT true,
                parameter    bigint,
                description  text NOT NULL
            );
            COMMENT ON TABLE etl.validation_rules IS 'The checks copy-raw applies to each landed block before copying it. Set enabled = false to accept blocks a rule would quarantine; parameter tunes a rule where its description says so.';
            INSERT INTO etl.validation_rules (rule, parameter, description) VALUES
                ('amount_range', NULL, 'every output value is between 0 and the parameter in base units (NULL: the chain''s maximum money)'),
                ('counts_match', NULL, 'the transactions listed agree with nTx and the block''s stored counts'),
                ('merkle_root', NULL, 'the txids hash to the header''s merkle root, so no txid was altered'),
                ('address_decodes', NULL, 'every reported address decodes for the configured chain'),
                ('spent_output_known', NULL, 'every input spends an output that chain.outputs holds, agreeing with the node''s prevout where both exist'),
                ('outputs_within_inputs', NULL, 'a transaction other than the coinbase does not spend more than its inputs'),
                ('coinbase_within_reward', NULL, 'the coinbase claims at most subsidy + fees; parameter overrides the halving interval');

            CREATE TABLE etl.quarantine (
                id             bigserial PRIMARY KEY,
                hash           text NOT NULL,
                height         bigint NOT NULL,
                rule           text NOT NULL,
                reason         text NOT NULL,
                first_seen_at  timestamptz NOT NULL DEFAULT now(),
                last_seen_at   timestamptz NOT NULL DEFAULT now(),
                resolved_at    timestamptz
            );
            CREATE UNIQUE INDEX quarantine_open_idx ON etl.quarantine (hash) WHERE resolved_at IS NULL;
            COMMENT ON TABLE etl.quarantine IS 'Landed blocks copy-raw refused, with the rule and reason. Later blocks wait until the block passes (re-scraped, rule changed) or leaves the best chain; resolved_at records when.';
            """),
        // Every copied row pays for each index it enters, and the B-tree indexes on random 64-character txids
        // and on addresses cost more than the rows themselves (measured on 300 mainnet-shaped blocks: the same
        // rows COPY in 87 s with the version 1 indexes, 30 s with the primary keys alone). A txid is found
        // through one hash index on chain.transactions, an output through its transaction's place and the
        // primary key, and the ledger needs its block order only to read whole blocks.
        Migration(version: 2, name: "leaner indexes: txids through a hash index on transactions, ledger by block", sql: """
            DROP INDEX chain.outputs_txid_n_idx;
            DROP INDEX chain.transactions_txid_idx;
            CREATE INDEX transactions_txid_idx ON chain.transactions USING hash (txid);
            ALTER TABLE chain.address_movements DROP CONSTRAINT address_movements_pkey;
            CREATE INDEX address_movements_block_height_idx ON chain.address_movements (block_height);
            COMMENT ON TABLE chain.outputs IS 'Best-chain outputs. address is NULL when the node reports none (OP_RETURN, bare multisig, non-standard). spent_height is NULL while unspent. To find the outputs of a txid, find the transaction first (chain.transactions is indexed by txid) and join on (block_height, tx_index).';
            COMMENT ON TABLE chain.address_movements IS 'Per-address ledger of the best chain: what each address received (outputs) and sent (spent outputs) in each transaction; amount = received - sent. One row per (block_height, tx_index, address); indexed by block and by (address, block_height).';
            """),
        // Most outputs are marked spent in a later batch than the one that copied them, a few to a page at a
        // time. An UPDATE whose new version fits on the same page skips the primary key (a HOT update); with a
        // tenth of each page free, only 77 % did on 300 mainnet-shaped blocks, against 92 % with a fifth free,
        // and marking took about a tenth less time. The table grows 3 %. New pages only: existing ones keep
        // their fill.
        Migration(version: 3, name: "outputs leave a fifth of each page free for their spent marks", sql: """
            ALTER TABLE chain.outputs SET (fillfactor = 80);
            """),
        // The ledger is written in block order, batch after batch, so a block's rows lie together on the pages
        // of the batch that copied it, and a BRIN index (the lowest and highest height of each 128 pages) finds
        // them as well as a B-tree does, at a fraction of the cost. On 300 mainnet-shaped blocks (2.6 M ledger
        // rows) the ledger's COPY within copy-raw took 5.9-6.6 s with it (plus 0.27 s of summarizing) against
        // 7.2-8.0 s with the B-tree, and it takes 24 kB where the B-tree took 17 MB. Readers give a height range
        // (a join on heights alone cannot use it), and copy-raw summarizes the pages it added after each commit
        // (`LedgerBlockIndex`).
        Migration(version: 4, name: "the ledger's block index is a BRIN index", sql: """
            DROP INDEX chain.address_movements_block_height_idx;
            CREATE INDEX address_movements_block_height_idx ON chain.address_movements USING brin (block_height);
            COMMENT ON TABLE chain.address_movements IS 'Per-address ledger of the best chain: what each address received (outputs) and sent (spent outputs) in each transaction; amount = received - sent. One row per (block_height, tx_index, address); indexed by (address, block_height), and by block through a BRIN index: to read blocks, give a range of block_height.';
            """),
        // The supply is a sum of amounts, and SPEC.md keeps sums in numeric: Dogecoin has no cap, and its supply
        // (about 1.5e19 base units) passed bigint's 9.2e18 in 2015, where copy-raw could store no further block.
        Migration(version: 5, name: "the supply is numeric: uncapped chains pass bigint", sql: """
            ALTER TABLE chain.blocks ALTER COLUMN supply TYPE numeric;
            """),
    ])
}
