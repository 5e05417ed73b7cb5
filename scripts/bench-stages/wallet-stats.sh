# shellcheck shell=bash
# Benchmark stage for wallet-stats, sourced by scripts/bench (which defines bench_measure, bench_record, log, now,
# elapsed, $bin, $workdir and the throwaway PostgreSQL's PG* variables).
#
# Issue 6: the hourly run (6 new mainnet-shaped blocks) with ≈ 100 k and ≈ 1 M addresses in stats.address_stats;
# the part that applies the blocks must stay flat in the number of addresses, the whole run on 1 M addresses under
# 10 s. The stage builds two databases of its own with SQL (generate_series), not through simnode, filling only
# what wallet-stats reads (chain.blocks, chain.address_movements, chain.block_changes), with copy-raw's schema and
# every one of its indexes:
#   - history: BENCH_WALLET_HISTORY_BLOCKS blocks (default 4,320: 30 days, 600 s apart from 2024-01-01); address i
#     (text '1' || md5(i), in random index order like real addresses) receives once, 30 % of them later send half;
#   - bench_wallet_small: BENCH_WALLET_SMALL addresses (default 100,000); bench_wallet_large: BENCH_WALLET_LARGE
#     (default 1,000,000);
#   - an hourly run's input: 6 blocks of 2,500 transactions; each spends from 2 existing addresses and pays a new
#     address, an existing one and change back to the first spender: ≈ 10,000 ledger rows and ≈ 10,000 addresses
#     per block, like mainnet.
# Per database: the base state is built by wallet-stats itself (its first run recomputes from the ledger, the same
# work as --full; timed and logged), then BENCH_WALLET_HOURLY_RUNS hourly runs (default 3), each after 6 new blocks;
# the summary gets the base build and the median hourly run; the log gives, per run, the time spent applying the
# blocks and rebuilding the distributions (from the tool's info log line). BENCH_WALLET_KEEP=1 keeps the databases.
stage_wallet_stats() {
    local history=${BENCH_WALLET_HISTORY_BLOCKS:-4320} runs=${BENCH_WALLET_HOURLY_RUNS:-3}
    local small=${BENCH_WALLET_SMALL:-100000} large=${BENCH_WALLET_LARGE:-1000000}
    local small_apply large_apply
    bench_wallet_database small "$small" "$history" "$runs"
    small_apply=$bench_wallet_apply_seconds
    bench_wallet_database large "$large" "$history" "$runs"
    large_apply=$bench_wallet_apply_seconds
    log "wallet-stats: applying 6 blocks (median of $runs): $small_apply s with $small addresses, $large_apply s with" \
        "$large addresses (goal: flat); whole hourly run on $large addresses: $bench_wallet_hourly_seconds s (goal: < 10 s)"
}

# Builds database bench_wallet_<label> with <addresses> addresses over <history> blocks, measures the base build and
# <runs> hourly runs, records them, and leaves the median apply time in bench_wallet_apply_seconds and the median
# hourly wall time in bench_wallet_hourly_seconds.
bench_wallet_database() {
    local label=$1 addresses=$2 history=$3 runs=$4 database=bench_wallet_$1 started run tip rows=() applies=() sorted median
    log "wallet-stats: generating $addresses addresses over $history blocks in database $database"
    psql -X -q -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
    DATABASE_URL="dbname=$database" "$bin/wallet-stats" >/dev/null   # creates the chain and stats schemas
    started=$(now)
    bench_wallet_history "$database" "$addresses" "$history"
    log "wallet-stats: ledger of $addresses addresses generated in $(elapsed "$started" "$(now)") s"

    DATABASE_URL="dbname=$database" bench_measure "wallet-stats-$label-base" "$bin/wallet-stats" --full --log-level info
    bench_record "wallet-$label-base" "$history" 0 0
    log "wallet-stats: base state (--full over the ledger) on $label: $measured_seconds s;" \
        "$(grep -h '^wallet-stats: ' "$workdir/wallet-stats-$label-base.log")"

    tip=$((history - 1))
    for run in $(seq 1 "$runs"); do
        bench_wallet_hourly_blocks "$database" "$addresses" "$((tip + 1))" "$run"
        tip=$((tip + 6))
        DATABASE_URL="dbname=$database" bench_measure "wallet-stats-$label-hourly-$run" "$bin/wallet-stats" --log-level info
        local line apply distributions
        line=$(grep -h 'wallet-stats run' "$workdir/wallet-stats-$label-hourly-$run.log")
        apply=$(sed -E 's/.*update_seconds=([0-9.]+).*/\1/' <<<"$line")
        distributions=$(sed -E 's/.*distribution_seconds=([0-9.]+).*/\1/' <<<"$line")
        rows+=("$measured_seconds $measured_cpu_seconds $measured_database_cpu_seconds $measured_rss_kib")
        applies+=("$apply")
        log "wallet-stats: hourly run $run on $label: $measured_seconds s wall, applying the blocks $apply s," \
            "distributions $distributions s; $(grep -h '^wallet-stats: ' "$workdir/wallet-stats-$label-hourly-$run.log")"
    done
    sorted=$(printf '%s\n' "${rows[@]}" | sort -n)
    median=$(sed -n "$(((runs + 1) / 2))p" <<<"$sorted")
    read -r measured_seconds measured_cpu_seconds measured_database_cpu_seconds measured_rss_kib <<<"$median"
    bench_record "wallet-$label-hr" 6 15000 0
    bench_wallet_hourly_seconds=$measured_seconds
    bench_wallet_apply_seconds=$(printf '%s\n' "${applies[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
    if [[ ${BENCH_WALLET_KEEP:-} != 1 ]]; then psql -X -q -c "DROP DATABASE $database"; fi
}

# The history of <database>: <history> blocks, <addresses> receipts (address i at block i mod history) and sends of
# half by 30 % of the addresses (i mod 10 < 3) a few blocks later; supply = running sum of the ledger; one 'joined'
# change per block.
bench_wallet_history() {
    local database=$1 addresses=$2 history=$3
    psql -X -q -v ON_ERROR_STOP=1 -d "$database" <<SQL
BEGIN;
INSERT INTO chain.blocks (height, hash, prev_hash, time, size, weight, tx_count, difficulty, input_count,
                          output_count, supply)
SELECT h, md5('block ' || h), CASE WHEN h > 0 THEN md5('block ' || (h - 1)) END,
       timestamptz '2024-01-01 00:00:00+00' + h * interval '600 seconds', 1500000, 4000000, 2500, 1e14, 5000, 6000, 0
FROM generate_series(0, $history - 1) AS h;
-- In block order, as copy-raw writes it (its block index is a BRIN index).
INSERT INTO chain.address_movements (block_height, tx_index, address, received, sent)
SELECT * FROM (
    SELECT i % $history, (i / $history)::integer + 1, '1' || md5(i::text), 100000 + (i::bigint * 7919) % 100000000, 0
    FROM generate_series(1, $addresses) AS i
    UNION ALL
    SELECT least($history - 1, i % $history + 1 + i % 50), (i / $history)::integer + 1000001, '1' || md5(i::text), 0,
           (100000 + (i::bigint * 7919) % 100000000) / 2
    FROM generate_series(1, $addresses) AS i
    WHERE i % 10 < 3
) movements (block_height, tx_index, address, received, sent)
ORDER BY block_height;
WITH per_block AS (
    SELECT block_height, sum(received - sent) AS net FROM chain.address_movements GROUP BY block_height
), running AS (
    SELECT b.height, sum(coalesce(p.net, 0)) OVER (ORDER BY b.height) AS supply
    FROM chain.blocks b LEFT JOIN per_block p ON p.block_height = b.height
)
UPDATE chain.blocks b SET supply = r.supply FROM running r WHERE r.height = b.height;
INSERT INTO chain.block_changes (change, height, hash, time)
SELECT 'joined', height, hash, time FROM chain.blocks ORDER BY height;
COMMIT;
-- copy-raw summarizes the ledger's BRIN block index after each commit; so does this stand-in for it.
SELECT brin_summarize_new_values('chain.address_movements_block_height_idx') \g /dev/null
ANALYZE;
SQL
}

# Appends 6 mainnet-shaped blocks from height <first> to <database> (hourly run number <run>), with their 'joined'
# changes, in one transaction. Transaction t of block b spends an eighth of the first receipt of two addresses
# that never sent in the history (so no balance goes negative, even when a spender comes round again) and pays a
# new address half, an existing address three tenths, and the change back to the first spender.
bench_wallet_hourly_blocks() {
    local database=$1 addresses=$2 first=$3 run=$4
    psql -X -q -v ON_ERROR_STOP=1 -d "$database" <<SQL
BEGIN;
INSERT INTO chain.blocks (height, hash, prev_hash, time, size, weight, tx_count, difficulty, input_count,
                          output_count, supply)
SELECT h, md5('block ' || h), md5('block ' || (h - 1)),
       timestamptz '2024-01-01 00:00:00+00' + h * interval '600 seconds', 1500000, 4000000, 2501, 1e14, 5000, 7501, 0
FROM generate_series($first, $first + 5) AS h;
WITH transfers AS (
    SELECT $first + b AS height, t + 1 AS tx_index, ($run - 1) * 15000 + b * 2500 + t AS k
    FROM generate_series(0, 5) AS b, generate_series(0, 2499) AS t
), spenders AS (
    SELECT height, tx_index, k,
           10 * (((2 * k) / 7) % ($addresses / 10)) + 3 + (2 * k) % 7 AS first_id,
           10 * (((2 * k + 1) / 7) % ($addresses / 10)) + 3 + (2 * k + 1) % 7 AS second_id
    FROM transfers
), amounts AS (
    SELECT s.*, (100000 + (first_id::bigint * 7919) % 100000000) / 8 AS first_value,
           (100000 + (second_id::bigint * 7919) % 100000000) / 8 AS second_value
    FROM spenders s
), legs AS (
    SELECT height, tx_index, '1' || md5(first_id::text) AS address,
           (first_value + second_value) - (first_value + second_value) / 2 - (first_value + second_value) * 3 / 10 - 1000
               AS received,
           first_value AS sent
    FROM amounts
    UNION ALL
    SELECT height, tx_index, '1' || md5(second_id::text), 0, second_value FROM amounts
    UNION ALL
    SELECT height, tx_index, '1' || md5('new ' || k), (first_value + second_value) / 2, 0 FROM amounts
    UNION ALL
    SELECT height, tx_index, '1' || md5((((k * 7919) % $addresses) + 1)::text), (first_value + second_value) * 3 / 10, 0
    FROM amounts
    UNION ALL
    SELECT height, 0, '1' || md5('miner ' || height), 312500000 + 2500 * 1000, 0 FROM generate_series($first, $first + 5) AS height
)
INSERT INTO chain.address_movements (block_height, tx_index, address, received, sent)
SELECT height, tx_index, address, sum(received), sum(sent) FROM legs GROUP BY height, tx_index, address;
WITH per_block AS (
    SELECT block_height, sum(received - sent) AS net FROM chain.address_movements
    WHERE block_height BETWEEN $first AND $first + 5 GROUP BY block_height
), running AS (
    SELECT p.block_height AS height,
           (SELECT supply FROM chain.blocks WHERE height = $first - 1) + sum(p.net) OVER (ORDER BY p.block_height) AS supply
    FROM per_block p
)
UPDATE chain.blocks b SET supply = r.supply FROM running r WHERE r.height = b.height;
INSERT INTO chain.block_changes (change, height, hash, time)
SELECT 'joined', height, hash, time FROM chain.blocks WHERE height BETWEEN $first AND $first + 5 ORDER BY height;
COMMIT;
-- copy-raw summarizes the ledger's BRIN block index after each commit; so does this stand-in for it.
SELECT brin_summarize_new_values('chain.address_movements_block_height_idx') \g /dev/null
SQL
}
