/// Reads and writes the landing zone on one connection to the raw database. Every write that changes the best
/// chain also appends its events, in the same transaction, so the block rows and the event log never disagree.
public struct LandingZone {
    /// The highest stored best-chain block.
    public struct Tip: Sendable, Equatable {
        public var height: Int64
        public var hash: String
    }

    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The stored best-chain tip, or nil while nothing has landed.
    public func tip() throws -> Tip? {
        let rows = try connection.query(
            "SELECT height, hash FROM raw.blocks WHERE in_best_chain ORDER BY height DESC LIMIT 1")
        guard let row = rows.first else { return nil }
        return Tip(height: try row.int64(0), hash: try row.string(1))
    }

    /// The height of the lowest stored best-chain block: where the first run started, or where pruning cut the
    /// landing zone. Nil while nothing has landed.
    public func bottomHeight() throws -> Int64? {
        let rows = try connection.query(
            "SELECT height FROM raw.blocks WHERE in_best_chain ORDER BY height LIMIT 1")
        return try rows.first?.int64(0)
    }

    /// The height of the lowest block stored at all, best chain or not; nil while nothing has landed.
    public func lowestHeight() throws -> Int64? {
        try connection.query("SELECT min(height) FROM raw.blocks").first.flatMap { $0.isNull(0) ? nil : try $0.int64(0) }
    }

    /// Whether any block below `height` ever joined or left (it was landed, then pruned or deleted by hand).
    public func hasEvents(below height: Int64) throws -> Bool {
        try connection.query("SELECT EXISTS (SELECT 1 FROM raw.chain_events WHERE height < $1)", [height])[0].bool(0)
    }

    /// Stored best-chain hashes for the heights in `range`.
    public func bestHashes(in range: ClosedRange<Int64>) throws -> [Int64: String] {
        let rows = try connection.query(
            "SELECT height, hash FROM raw.blocks WHERE in_best_chain AND height BETWEEN $1 AND $2",
            [range.lowerBound, range.upperBound])
        var hashes: [Int64: String] = [:]
        for row in rows { hashes[try row.int64(0)] = try row.string(1) }
        return hashes
    }

    /// Heights between the first and the last stored best-chain block that have no block (after a manual
    /// delete, say), as ranges. The landing zone starts where the first run started (height 0 by default).
    public func gaps() throws -> [ClosedRange<Int64>] {
        let rows = try connection.query("""
            SELECT height + 1, next - 1 FROM (
                SELECT height, lead(height) OVER (ORDER BY height) AS next FROM raw.blocks WHERE in_best_chain
            ) AS linked WHERE next > height + 1 ORDER BY height
            """)
        return try rows.map { try $0.int64(0)...$0.int64(1) }
    }

    /// Stores blocks on the best chain and records that they joined it. A block already stored under the
    /// same hash (it left the chain before and now returns) is flagged best again; its body is unchanged, because
    /// a hash names one block forever. Call inside a transaction.
    public func join(_ blocks: [LandedBlock]) throws {
        for landed in blocks {
            let block = landed.block
            try connection.execute("""
                INSERT INTO raw.blocks (hash, height, previous_hash, in_best_chain, time, tx_count, input_count,
                                        output_count, format, body, transactions)
                VALUES ($1, $2, $3, true, to_timestamp($4), $5, $6, $7, $8, $9, $10)
                ON CONFLICT (hash) DO UPDATE SET in_best_chain = true
                """,
                parameters: [
                    .value(block.hash), .value(block.height), .value(block.previousHash), .value(block.time),
                    .value(block.transactionCount), .value(block.inputCount), .value(block.outputCount),
                    .value(Int(landed.format.rawValue)), .largeText(PostgresLargeText(landed.body)),
                    .largeText(landed.transactions.map(PostgresLargeText.init)),
                ])
        }
        try connection.execute("""
            INSERT INTO raw.chain_events (change, height, hash)
            SELECT 'joined', height, hash FROM unnest($1::bigint[], $2::text[]) AS joined(height, hash)
            ORDER BY height
            """,
            [PostgresArray(blocks.map { $0.block.height }), PostgresArray(blocks.map { $0.block.hash })])
    }

    /// Takes every best-chain block above `height` off the best chain and records that they left, tip first.
    /// Returns how many left. Call inside a transaction.
    @discardableResult
    public func leave(above height: Int64) throws -> Int {
        let rows = try connection.query("""
            WITH departed AS (
                UPDATE raw.blocks SET in_best_chain = false
                WHERE in_best_chain AND height > $1
                RETURNING height, hash
            )
            INSERT INTO raw.chain_events (change, height, hash)
            SELECT 'left', height, hash FROM departed ORDER BY height DESC
            RETURNING sequence
            """, [height])
        return rows.count
    }

    /// The stored answer for a block of the stored best chain, to compare with a fresh one; nil when the best
    /// chain has no block with that hash.
    public func bestChainBody(hash: String) throws -> (format: Int16, body: String, transactions: String?)? {
        let rows = try connection.query(
            "SELECT format, body, transactions FROM raw.blocks WHERE hash = $1 AND in_best_chain", [hash])
        guard let row = rows.first else { return nil }
        return (Int16(try row.int(0)), try row.string(1), row.isNull(2) ? nil : try row.string(2))
    }

    /// Replaces the stored answer for a block that is already stored under the same hash (the node now answers
    /// in a richer format, say). The best chain does not change, so no event is recorded.
    public func refresh(_ landed: LandedBlock) throws {
        try connection.execute("""
            UPDATE raw.blocks SET format = $2, body = $3, transactions = $4, fetched_at = now() WHERE hash = $1
            """,
            parameters: [
                .value(landed.block.hash), .value(Int(landed.format.rawValue)), .largeText(PostgresLargeText(landed.body)),
                .largeText(landed.transactions.map(PostgresLargeText.init)),
            ])
    }

    /// The previous hash stored for the best-chain block at `height`, to check that a filled gap links up.
    public func previousHash(ofBestAt height: Int64) throws -> String?? {
        let rows = try connection.query(
            "SELECT previous_hash FROM raw.blocks WHERE in_best_chain AND height = $1", [height])
        guard let row = rows.first else { return nil }
        return .some(row.isNull(0) ? nil : try row.string(0))
    }
}
