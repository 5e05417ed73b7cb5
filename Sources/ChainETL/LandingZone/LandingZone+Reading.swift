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
    public func prune(appliedThrough sequence: Int64, olderThanSeconds seconds: Int64) throws -> Int {
        try connection.execute("""
            DELETE FROM raw.blocks b
            WHERE b.fetched_at < now() - make_interval(secs => $2)
              AND NOT EXISTS (SELECT 1 FROM raw.chain_events e WHERE e.hash = b.hash AND e.sequence > $1)
              AND EXISTS (SELECT 1 FROM raw.chain_events e WHERE e.hash = b.hash)
            """, [sequence, Double(seconds)])
    }
}
