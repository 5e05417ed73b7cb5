# shellcheck shell=bash
# Benchmark stage "pipeline", sourced by scripts/bench (which defines bench_measure, bench_record, log, $bin,
# $workdir, the block range and the throwaway PostgreSQL's PG* variables).
#
# The "end-to-end" row of the scrape and copy-raw stages adds up two runs, one after the other. Catching up after
# downtime, cron starts copy-raw while scrape is still fetching: copy-raw copies what has landed, and its next run
# what landed meanwhile, so the two tools overlap and share the two cores. This stage measures exactly that, from
# an empty database of its own (bench_pipeline, landing zone in the same database): scrape of the whole range in
# the background, copy-raw run after run until one has started after scrape ended. The row's RSS is the larger of
# the two tools' peaks (each is a process of its own), its CPU both tools' together. At the end the chain tables
# must hold every block, and the same blocks, supplies included, as the copy-raw stage's database when that ran.
stage_pipeline() {
    local database=bench_pipeline driver=$workdir/pipeline-driver.sh
    psql -X -q -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
    cat >"$driver" <<'DRIVER'
#!/usr/bin/env bash
# pipeline-driver.sh BIN FROM TO: scrape FROM...TO in the background; copy-raw until a run started after it ended.
set -uo pipefail
"$1/scrape" --from "$2" --to "$3" &
scrape=$!
trap 'kill "$scrape" 2>/dev/null' EXIT
while true; do
    scraping=0
    kill -0 "$scrape" 2>/dev/null && scraping=1
    "$1/copy-raw" || exit
    ((scraping)) || break
    sleep 0.1
done
wait "$scrape"
DRIVER
    chmod +x "$driver"
    log "pipeline: scrape $first_height...$last_height and copy-raw at once, into database $database"
    DATABASE_URL="dbname=$database" NODE_RPC_CONCURRENCY=$concurrency bench_measure pipeline \
        "$driver" "$bin" "$first_height" "$last_height"
    local counts bytes runs
    counts=$(psql -X -A -t -F ' ' -d "$database" -c "SELECT count(*), coalesce(sum(tx_count), 0) FROM chain.blocks")
    bytes=$(psql -X -A -t -d "$database" -c \
        "SELECT coalesce(sum(octet_length(body)), 0) FROM raw.blocks WHERE in_best_chain")
    runs=$(psql -X -A -t -d "$database" -c "SELECT count(*) FROM etl.job_runs WHERE tool = 'copy-raw'")
    # shellcheck disable=SC2086
    set -- $counts
    if (($1 != blocks)); then
        log "pipeline: copy-raw copied $1 blocks, expected $blocks"
        exit 1
    fi
    if [[ $(psql -X -A -t -c "SELECT to_regclass('chain.blocks') IS NOT NULL") == t ]] \
        && (($(psql -X -A -t -c "SELECT count(*) FROM chain.blocks") == blocks)); then
        local fingerprint="SELECT md5(string_agg(height || ' ' || hash || ' ' || supply, ',' ORDER BY height)) FROM chain.blocks"
        if [[ $(psql -X -A -t -d "$database" -c "$fingerprint") != $(psql -X -A -t -c "$fingerprint") ]]; then
            log "pipeline: the chain tables differ from the copy-raw stage's"
            exit 1
        fi
    fi
    log "pipeline: $1 blocks in $measured_seconds s, $runs copy-raw runs"
    bench_record pipeline "$1" "$2" "$bytes"
}
