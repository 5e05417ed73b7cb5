# shellcheck shell=bash
# Benchmark stage for build-top10, sourced by scripts/bench (which defines bench_measure, bench_record, log, $bin,
# $workdir and the throwaway PostgreSQL's PG* variables).
#
# build-top10 reads the last 24 h / 100 / 144 blocks of the chain tables and the whole of stats.address_stats, so
# its cost depends on the size of those, not on what the earlier stages landed. The stage therefore builds its own
# mainnet-shaped database with SQL (generate_series), not through simnode:
#   - chain.blocks: BENCH_TOP10_BLOCKS blocks (default 4,000) 600 s apart;
#   - chain.transactions: BENCH_TOP10_TX_PER_BLOCK per block (default 2,500: 10 M rows at the defaults);
#   - chain.outputs (coinbase outputs only) and chain.address_movements (3 addresses per transaction) for the
#     last 300 blocks: every row any build-top10 query reads lies there (24 h = 144 blocks, 100 for miners);
#   - stats.address_stats: BENCH_TOP10_ADDRESSES rows (default 1,000,000), most with a positive balance.
# The wallet-stats and build-top10 binaries create the schema first (on an empty chain they do nothing else).
# Three measured runs: the first rebuild (every table changes), a second one over the same inputs (nothing
# changes: the cost of an idle hourly run) and one with --export-json.
stage_build_top10() {
    local database=bench_top10 blocks=${BENCH_TOP10_BLOCKS:-4000} per_block=${BENCH_TOP10_TX_PER_BLOCK:-2500}
    local addresses=${BENCH_TOP10_ADDRESSES:-1000000}
    build_top10_generate "$database" "$blocks" "$per_block" "$addresses"

    DATABASE_URL="dbname=$database" bench_measure build-top10 "$bin/build-top10"
    bench_record build-top10 "$blocks" "$((blocks * per_block))" 0
    DATABASE_URL="dbname=$database" bench_measure build-top10-idle "$bin/build-top10"
    bench_record top10-idle "$blocks" "$((blocks * per_block))" 0
    DATABASE_URL="dbname=$database" bench_measure build-top10-export \
        "$bin/build-top10" --export-json "$workdir/top10-export"
    bench_record top10-json "$blocks" "$((blocks * per_block))" "$(du -sb "$workdir/top10-export" | cut -f1)"
    log "build-top10: $(cat "$workdir/build-top10.log")"
    psql -X -q -c "DROP DATABASE $database"
}

# Creates database $1 with the schema and mainnet-shaped rows: $2 blocks of $3 transactions, $4 addresses.
# The secondary indexes are dropped during the load and rebuilt after it (a sorted build is far faster than
# 10 M random inserts), so the database ends exactly as the migrations define it.
build_top10_generate() {
    local database=$1 blocks=$2 per_block=$3 addresses=$4 recent=300 started
    log "build-top10: generating $blocks blocks x $per_block tx and $addresses addresses in database $database"
    psql -X -q -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
    DATABASE_URL="dbname=$database" "$bin/wallet-stats" >/dev/null
    DATABASE_URL="dbname=$database" "$bin/build-top10" >/dev/null
    started=$(now)
    psql -X -q -v ON_ERROR_STOP=1 -d "$database" -v blocks="$blocks" -v per_block="$per_block" \
        -v addresses="$addresses" -v recent="$recent" <<'SQL'
DROP INDEX chain.transactions_txid_idx, chain.address_movements_address_idx;
INSERT INTO chain.blocks (height, hash, prev_hash, time, size, weight, tx_count, difficulty, input_count,
                          output_count, supply)
SELECT h, md5('block' || h) || md5('hash' || h), md5('block' || (h - 1)) || md5('hash' || (h - 1)),
       timestamptz '2024-01-01' + h * interval '600 seconds' + (h % 7) * interval '13 seconds',
       1500000, 3990000, :per_block, 8.6e13 + h * 1e9, 2 * (:per_block - 1), 2 * :per_block,
       (h + 1) * 312500000::bigint
FROM generate_series(0, :blocks - 1) AS h;

INSERT INTO chain.transactions (block_height, tx_index, txid, is_coinbase, size, vsize, input_count, output_count,
                                input_value, output_value, fee)
SELECT h, i, md5(h || ':' || i) || md5(i || ':' || h), i = 0, 250, 160,
       CASE WHEN i = 0 THEN 0 ELSE 2 END, 2,
       CASE WHEN i = 0 THEN 0 ELSE ((h * 7919 + i * 104729) % 1000000000) + 2000 END,
       CASE WHEN i = 0 THEN 312500000 ELSE ((h * 7919 + i * 104729) % 1000000000) END,
       CASE WHEN i = 0 THEN 0 ELSE 2000 END
FROM generate_series(0, :blocks - 1) AS h, generate_series(0, :per_block - 1) AS i;

INSERT INTO chain.outputs (block_height, tx_index, n, txid, address, script_type, value)
SELECT h, 0, 0, md5(h || ':0') || md5('0:' || h), 'bc1qpool' || (h * 31 % 17), 'witness_v0_keyhash', 312500000
FROM generate_series(:blocks - :recent, :blocks - 1) AS h;

INSERT INTO chain.address_movements (block_height, tx_index, address, received, sent)
SELECT DISTINCT ON (h, i, address) h, i, address, CASE WHEN k = 0 THEN 0 ELSE 1000 END, CASE WHEN k = 0 THEN 2000 ELSE 0 END
FROM generate_series(:blocks - :recent, :blocks - 1) AS h, generate_series(1, :per_block - 1) AS i,
     generate_series(0, 2) AS k,
     LATERAL (SELECT 'bc1qaddr' || ((h * 7919 + i * 104729 + k * 15485863) % :addresses) AS address) a
ORDER BY h, i, address, k;

INSERT INTO stats.address_stats (address, balance, received, sent, tx_count, first_seen_height, first_seen_time,
                                 last_seen_height, last_seen_time)
SELECT 'bc1qaddr' || a, CASE WHEN a % 5 = 0 THEN 0 ELSE (a * 2654435761) % 100000000000 END,
       (a * 2654435761) % 100000000000 + 5000, 5000, 3, 0, timestamptz '2024-01-01', 0, timestamptz '2024-01-01'
FROM generate_series(0, :addresses - 1) AS a;
CREATE INDEX transactions_txid_idx ON chain.transactions USING hash (txid);
CREATE INDEX address_movements_address_idx ON chain.address_movements (address, block_height);
-- copy-raw summarizes the ledger's BRIN block index after each commit; so does this stand-in for it.
SELECT brin_summarize_new_values('chain.address_movements_block_height_idx') \g /dev/null
ANALYZE;
SQL
    log "build-top10: data generated in $(elapsed "$started" "$(now)") s"
}
