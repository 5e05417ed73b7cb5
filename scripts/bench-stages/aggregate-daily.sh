# shellcheck shell=bash
# Benchmark stage for aggregate-daily, sourced by scripts/bench (which defines bench_measure, bench_record, log, now,
# elapsed, $bin, $workdir and the throwaway PostgreSQL's PG* variables).
#
# The hourly run of aggregate-daily must cost the same on a long chain as on a short one (issue 5: the run on
# ≈ 10 M transactions takes at most 1.5× the run on ≈ 100 k). The stage therefore builds two databases of its own
# with SQL (generate_series), mainnet-shaped, not through simnode:
#   - chain.blocks 600 s apart from 2024-01-01 and BENCH_DAILY_TX_PER_BLOCK transactions per block (default 2,500);
#   - bench_daily_small: BENCH_DAILY_SMALL_TX transactions (default 100,000: 40 blocks);
#   - bench_daily_large: BENCH_DAILY_LARGE_TX transactions (default 10,000,000: 4,000 blocks, 28 days);
#   - chain.block_changes: one 'joined' change per block, as copy-raw records them.
# Only the tables aggregate-daily reads are filled (blocks, transactions, block_changes); they are ordinary logged
# tables with copy-raw's schema and every one of its indexes. To keep the generation fast, the txid index of
# chain.transactions is dropped during the bulk insert and re-created from its own definition afterwards.
#
# Per database: a first run (catches up with the whole chain: every block's transactions are summed once), then
# BENCH_DAILY_HOURLY_RUNS hourly runs (default 5), each after 6 new blocks are appended; the summary gets the first
# run and the median hourly run, and the log the ratio large/small of the hourly medians. BENCH_DAILY_KEEP=1 keeps
# the two databases for inspection.
#
# BENCH_DAILY_TX_PER_BLOCK=25 is the harder variant: the same transactions in 100 times more blocks (400,000 blocks,
# 2,778 days for 10 M), so a statement that scanned chain.blocks or the per-block totals would show at once.
stage_aggregate_daily() {
    local per_block=${BENCH_DAILY_TX_PER_BLOCK:-2500} runs=${BENCH_DAILY_HOURLY_RUNS:-5}
    local small=${BENCH_DAILY_SMALL_TX:-100000} large=${BENCH_DAILY_LARGE_TX:-10000000}
    local small_hourly large_hourly
    bench_daily_database small $((small / per_block)) "$per_block" "$runs"
    small_hourly=$bench_daily_hourly_seconds
    bench_daily_database large $((large / per_block)) "$per_block" "$runs"
    large_hourly=$bench_daily_hourly_seconds
    log "aggregate-daily: hourly run (6 new blocks), median of $runs: $small_hourly s on $small tx," \
        "$large_hourly s on $large tx; ratio $(awk -v a="$large_hourly" -v b="$small_hourly" 'BEGIN { printf "%.2f", a / b }')" \
        "(goal: at most 1.5)"
}

# Builds database bench_daily_<label> with <blocks> blocks of <per_block> transactions, measures the first run and
# <runs> hourly runs, records them, and leaves the median hourly wall time in bench_daily_hourly_seconds.
bench_daily_database() {
    local label=$1 blocks=$2 per_block=$3 runs=$4 database=bench_daily_$1 started run tip seconds=() rows=() sorted median
    local indexes definitions index
    local tx=$((blocks * per_block))
    log "aggregate-daily: generating $blocks blocks x $per_block tx in database $database"
    psql -X -q -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
    DATABASE_URL="dbname=$database" "$bin/aggregate-daily" >/dev/null   # creates the schema on an empty chain
    started=$(now)
    # chain.transactions' secondary indexes (the txid index), exactly as copy-raw's migrations created them.
    indexes=$(psql -X -A -t -d "$database" -c "
        SELECT indexname FROM pg_indexes WHERE schemaname = 'chain' AND tablename = 'transactions'
           AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'chain.transactions'::regclass)")
    definitions=$(psql -X -A -t -d "$database" -c "
        SELECT indexdef || ';' FROM pg_indexes WHERE schemaname = 'chain' AND tablename = 'transactions'
           AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'chain.transactions'::regclass)")
    for index in $indexes; do psql -X -q -d "$database" -c "DROP INDEX chain.$index"; done
    bench_daily_append "$database" 0 $((blocks - 1)) "$per_block"
    # Vacuumed, analysed and checkpointed as a database that has been running for a while is: otherwise
    # autovacuum and the checkpointer would still be busy with the bulk load while the hourly runs are timed.
    psql -X -q -v ON_ERROR_STOP=1 -d "$database" -c "$definitions" -c "VACUUM (ANALYZE)" -c "CHECKPOINT"
    log "aggregate-daily: $tx transactions generated and indexed in $(elapsed "$started" "$(now)") s"

    DATABASE_URL="dbname=$database" bench_measure "aggregate-daily-$label-first" "$bin/aggregate-daily"
    bench_record "daily-$label-1st" "$blocks" "$tx" 0
    log "aggregate-daily: first run on $label: $(cat "$workdir/aggregate-daily-$label-first.log")"

    tip=$((blocks - 1))
    for run in $(seq 1 "$runs"); do
        bench_daily_append "$database" $((tip + 1)) $((tip + 6)) "$per_block"
        tip=$((tip + 6))
        DATABASE_URL="dbname=$database" bench_measure "aggregate-daily-$label-hourly-$run" "$bin/aggregate-daily"
        seconds+=("$measured_seconds")
        rows+=("$measured_seconds $measured_cpu_seconds $measured_database_cpu_seconds $measured_rss_kib")
        log "aggregate-daily: hourly run $run on $label: $(cat "$workdir/aggregate-daily-$label-hourly-$run.log")"
    done
    sorted=$(printf '%s\n' "${rows[@]}" | sort -n)
    median=$(sed -n "$(((runs + 1) / 2))p" <<<"$sorted")
    read -r measured_seconds measured_cpu_seconds measured_database_cpu_seconds measured_rss_kib <<<"$median"
    bench_record "daily-$label-hr" 6 $((6 * per_block)) 0
    bench_daily_hourly_seconds=$measured_seconds
    log "aggregate-daily: hourly runs on $label took ${seconds[*]} s"
    if [[ ${BENCH_DAILY_KEEP:-} != 1 ]]; then psql -X -q -c "DROP DATABASE $database"; fi
}

# Appends blocks <first>..<last> of <per_block> transactions to <database>, with their 'joined' changes, in one
# transaction. Block h: time 2024-01-01 + 600·h s (every 7th block 300 s earlier: header times go backwards);
# coinbase pays 312,500,000 plus the fees; transfer i pays a pseudo-random amount with a fee of 2,000 + i mod 97.
bench_daily_append() {
    psql -X -q -v ON_ERROR_STOP=1 -d "$1" -v first="$2" -v last="$3" -v per_block="$4" <<'SQL'
BEGIN;
INSERT INTO chain.blocks (height, hash, prev_hash, time, size, weight, tx_count, difficulty, input_count,
                          output_count, supply)
SELECT h, md5('block' || h) || md5('hash' || h), md5('block' || (h - 1)) || md5('hash' || (h - 1)),
       timestamptz '2024-01-01 00:00:00+00' + h * interval '600 seconds'
           - CASE WHEN h % 7 = 6 THEN interval '300 seconds' ELSE interval '0' END,
       1500000, 3990000, :per_block, 8.6e13 + h * 1e9, 2 * (:per_block - 1), 2 * :per_block,
       (h + 1) * 312500000::bigint
FROM generate_series(:first::bigint, :last::bigint) AS h;

INSERT INTO chain.transactions (block_height, tx_index, txid, is_coinbase, size, vsize, input_count, output_count,
                                input_value, output_value, fee)
SELECT h, i, md5(h || ':' || i) || md5(i || ':' || h), i = 0, 250, 160,
       CASE WHEN i = 0 THEN 0 ELSE 2 END, 2,
       CASE WHEN i = 0 THEN 0 ELSE ((h * 7919 + i * 104729) % 1000000000) + 2000 + i % 97 END,
       CASE WHEN i = 0 THEN 312500000 + (:per_block - 1) * 2000
                                      + ((:per_block - 1) / 97) * 4656 + ((:per_block - 1) % 97) * ((:per_block - 1) % 97 + 1) / 2
            ELSE ((h * 7919 + i * 104729) % 1000000000) END,
       CASE WHEN i = 0 THEN 0 ELSE 2000 + i % 97 END
FROM generate_series(:first::bigint, :last::bigint) AS h
CROSS JOIN LATERAL generate_series(0, :per_block - 1 + 0 * h::integer) AS i;  -- block by block, as copy-raw writes

INSERT INTO chain.block_changes (change, height, hash, time)
SELECT 'joined', height, hash, time FROM chain.blocks WHERE height BETWEEN :first AND :last ORDER BY height;
COMMIT;
SQL
}
