extension LandingZone {
    /// Up to `limit` events after `sequence`, in order: what copy-raw has not applied yet.
    public func events(after sequence: Int64, limit: Int) throws -> [ChainEvent] {
        let rows = try connection.query("""
            SELECT sequence, change, height, hash FROM raw.chain_events WHERE sequence > $1 ORDER BY sequence LIMIT $2
            """, [sequence, Int64(limit)])
        return try rows.map { row in
            guard let change = ChainEvent.Change(rawValue: try row.string(1)) else {
                throw LandingZoneError(problem: "raw.chain_events row \(try row.int64(0)) has change '\(try row.string(1))'")
            }
            return ChainEvent(sequence: try row.int64(0), change: change, height: try row.int64(2), hash: try row.string(3))
        }
    }

    /// Transaction counts of the landed blocks `hashes`, to cut batches of similar size before reading bodies.
    public func transactionCounts(hashes: [String]) throws -> [String: Int] {
        let rows = try connection.query(
            "SELECT hash, tx_count FROM raw.blocks WHERE hash = ANY($1::text[])", [PostgresArray(hashes)])
        var counts: [String: Int] = [:]
        for row in rows { counts[try row.string(0)] = try row.int(1) }
        return counts
    }

    /// Streams the landed blocks `hashes` to `body`, in the order given, one row at a time so memory holds one
    /// block's text however large the batch. A hash with no landed block (pruned, or deleted by hand) throws,
    /// naming it, because the event log promises the block. `body` must not use this connection.
    public func forEachStoredBlock(hashes: [String], _ body: (StoredBlock) throws -> Void) throws {
        var delivered = 0
        try connection.forEachRow("""
            SELECT b.hash, b.height, b.format, b.body, b.transactions, b.tx_count, b.input_count, b.output_count
            FROM unnest($1::text[]) WITH ORDINALITY AS wanted (hash, position)
            JOIN raw.blocks b ON b.hash = wanted.hash
            ORDER BY wanted.position
            """, [PostgresArray(hashes)]) { row in
            let hash = try row.string(0)
            guard hash == hashes[delivered] else { throw Self.missing(hashes[delivered]) }
            guard let format = LandedBlock.Format(rawValue: Int16(try row.int(2))) else {
                throw LandingZoneError(problem: "raw.blocks row \(hash) has unknown format \(try row.int(2))")
            }
            delivered += 1
            try body(StoredBlock(
                hash: hash, height: try row.int64(1), format: format, body: try row.textBytes(3),
                transactions: try row.decode(String?.self, at: 4), transactionCount: try row.int(5),
                inputCount: try row.int(6), outputCount: try row.int(7)))
        }
        if delivered < hashes.count { throw Self.missing(hashes[delivered]) }
    }

    private static func missing(_ hash: String) -> LandingZoneError {
        LandingZoneError(problem: "block \(hash) is in raw.chain_events but not in raw.blocks (pruned or deleted); "
            + "land it again with scrape --from/--to its height, or run copy-raw --rebuild only if it left the chain")
    }

    /// Deletes landed blocks fetched more than `seconds` ago whose every event is at or below `sequence` (copied,
    /// or left and applied). Returns how many went. Their events stay: they are small and keep the history.
    ///
    /// The best chain is only ever cut from the bottom, and its top `keptBelowTip` + 1 blocks stay whatever
    /// their age, because scrape reads the stored best chain as one unbroken run: a hole in it is a gap to land
    /// again (fetched from the node for nothing), and a reorg is found, and undone, by
    /// comparing the stored blocks below the tip with the node's. So a best-chain block goes only when every
    /// best-chain block below it can go too; a block re-scraped later than its neighbours (after a quarantine,
    /// say) holds back everything above it until it is old enough itself.
    public func prune(appliedThrough sequence: Int64, olderThanSeconds seconds: Int64, keptBelowTip: Int64) throws -> Int {
        try connection.execute("""
            WITH candidates AS (
                SELECT b.hash, b.height, b.in_best_chain,
                       coalesce(b.fetched_at < now() - make_interval(secs => $2)
                                AND b.height < (SELECT max(height) FROM raw.blocks WHERE in_best_chain) - $3
                                AND EXISTS (SELECT 1 FROM raw.chain_events e WHERE e.hash = b.hash)
                                AND NOT EXISTS (SELECT 1 FROM raw.chain_events e
                                                WHERE e.hash = b.hash AND e.sequence > $1), false) AS removable
                FROM raw.blocks b
            ), lowest_kept AS (
                SELECT min(height) AS height FROM candidates WHERE in_best_chain AND NOT removable
            )
            DELETE FROM raw.blocks b
            USING candidates c, lowest_kept k
            WHERE b.hash = c.hash AND c.removable AND (NOT c.in_best_chain OR c.height < k.height)
            """, [sequence, Double(seconds), keptBelowTip])
    }

    /// The blocks the event log names that are no longer in `raw.blocks` (pruned, or deleted by hand): how many,
    /// and their lowest and highest heights; nil when every one is there, as `--rebuild` needs.
    public func missingBlocks() throws -> (count: Int, heights: ClosedRange<Int64>)? {
        let row = try connection.query("""
            SELECT count(DISTINCT e.hash), min(e.height), max(e.height) FROM raw.chain_events e
            WHERE NOT EXISTS (SELECT 1 FROM raw.blocks b WHERE b.hash = e.hash)
            """)[0]
        let count = try row.int(0)
        guard count > 0 else { return nil }
        return (count, try row.int64(1)...row.int64(2))
    }
}
