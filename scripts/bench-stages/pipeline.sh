# shellcheck shell=bash
# Benchmark stage "pipeline", sourced by scripts/bench (which defines bench_measure, bench_record, log, $bin,
# $workdir, the block range and the throwaway PostgreSQL's PG* variables).
#
# The "end-to-end" row of the scrape and copy-raw stages adds up two runs, one after the other. Catching up after
# downtime, cron starts copy-raw while scrape is still fetching: copy-raw copies what has landed, and its next run
# what landed meanwhile, so the two tools overlap and share the two cores. This stage measures exactly that, from
# an empty database of its own (bench_pipeline, landing zone in the same database): scrape of the whole range in
# the background, copy-raw run after run until one has started after scrape ended. The row's RSS is the larger of
# the two tools' peaks (each is a process of its own; the log has every run's), its CPU both tools' together. At the end the chain tables
# must hold every block, and the same blocks, supplies included, as the copy-raw stage's database when that ran.
stage_pipeline() {
    local database=bench_pipeline driver=$workdir/pipeline-driver.sh
    psql -X -q -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
    cat >"$driver" <<'DRIVER'
#!/usr/bin/env bash
# pipeline-driver.sh BIN FROM TO PEAKS: scrape FROM...TO in the background; copy-raw until a run started after
# it ended. Each run's peak RSS (KiB) is appended to PEAKS as "tool KiB".
set -uo pipefail
measured() {
    if [[ -x /usr/bin/time ]]; then /usr/bin/time -a -o "$peaks" -f "${1##*/} %M" "$@"; else "$@"; fi
}
peaks=$4
measured "$1/scrape" --from "$2" --to "$3" &
scrape=$!
trap 'kill "$scrape" 2>/dev/null' EXIT
while true; do
    scraping=0
    kill -0 "$scrape" 2>/dev/null && scraping=1
    measured "$1/copy-raw" || exit
    ((scraping)) || break
    sleep 0.1
done
wait "$scrape"
DRIVER
    chmod +x "$driver"
    log "pipeline: scrape $first_height...$last_height and copy-raw at once, into database $database"
    DATABASE_URL="dbname=$database" NODE_RPC_CONCURRENCY=$concurrency bench_measure pipeline \
        "$driver" "$bin" "$first_height" "$last_height" "$workdir/pipeline.peaks"
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
    log "pipeline: $1 blocks in $measured_seconds s, $runs copy-raw runs; peak RSS (MiB) of each run:" \
        "$(awk '{ printf "%s%s %.1f", (NR > 1 ? ", " : ""), $1, $2 / 1024 }' "$workdir/pipeline.peaks" 2>/dev/null)"
    bench_record pipeline "$1" "$2" "$bytes"
}
