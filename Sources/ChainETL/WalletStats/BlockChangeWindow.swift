/// The blocks whose effect on the statistics changed between two positions of `chain.block_changes`, reduced to
/// their net effect, in the temporary table `ws_blocks`.
///
/// The statistics at cursor position c count exactly the blocks on the best chain as of c. For every block hash
/// with changes after c, its first change tells whether it was counted at c (a first change 'left' means it
/// was) and its last change whether it is on the best chain now (a last change 'joined'). So a block that
/// joined and left within the window has no effect at all, one that left and rejoined is subtracted and added
/// back, and the rows to read are exact: a block now on the chain adds its `chain.address_movements` rows; a
/// block counted at c and gone now subtracts the `chain.departed_movements` rows of its first 'left' change.
struct BlockChangeWindow {
    /// What the window holds.
    struct Counts: Equatable {
        /// Blocks now on the best chain that were not counted.
        var joined = 0
        /// Counted blocks that left the best chain.
        var left = 0
        /// The lowest and highest height among them.
        var lowestHeight: Int64?
        var highestHeight: Int64?
    }

    let connection: PostgresConnection

    /// Creates `ws_blocks (hash, height, time, day, first_change, first_sequence, last_change)` for the changes
    /// with sequence in (after, through] and checks that every block it adds is the one `chain.blocks` holds.
    func stage(after: Int64, through: Int64) throws -> Counts {
        try connection.execute("""
            CREATE TEMP TABLE ws_blocks ON COMMIT DROP AS
            SELECT hash, min(height) AS height, min(time) AS time, (min(time) AT TIME ZONE 'UTC')::date AS day,
                   (array_agg(change ORDER BY sequence))[1] AS first_change,
                   min(sequence) AS first_sequence,
                   (array_agg(change ORDER BY sequence DESC))[1] AS last_change
            FROM chain.block_changes
            WHERE sequence > $1 AND sequence <= $2
            GROUP BY hash
            """, [after, through])
        // Blocks that joined and left again within the window change nothing.
        try connection.execute("DELETE FROM ws_blocks WHERE first_change = 'joined' AND last_change = 'left'")
        try connection.executeScript("ANALYZE ws_blocks")

        let strays = try connection.query("""
            SELECT w.height, w.hash FROM ws_blocks w
            WHERE w.last_change = 'joined'
              AND NOT EXISTS (SELECT 1 FROM chain.blocks b WHERE b.height = w.height AND b.hash = w.hash)
            ORDER BY w.height LIMIT 1
            """)
        if let stray = strays.first {
            throw WalletStatsError.changeLogOutOfStep(
                height: try stray.int64(0), hash: try stray.string(1), location: connection.location)
        }

        let row = try connection.query("""
            SELECT count(*) FILTER (WHERE last_change = 'joined'), count(*) FILTER (WHERE first_change = 'left'),
                   min(height), max(height)
            FROM ws_blocks
            """)[0]
        return Counts(joined: try row.int(0), left: try row.int(1),
                      lowestHeight: try row.decode(Int64?.self, at: 2), highestHeight: try row.decode(Int64?.self, at: 3))
    }
}
