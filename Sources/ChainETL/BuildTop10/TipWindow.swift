/// Where the windows of the top tables start, found once per rebuild so every query can read its window through
/// a primary-key range. Counting back from the tip block (never the wall clock) makes a backfill give the same
/// tables a live run gave.
struct TipWindow: Equatable {
    /// The block the tables are built at: the best chain's tip, or the height wallet-stats has counted.
    var tipHeight: Int64
    /// The lowest height of a block whose time is less than 24 h before the tip's. Block times are not monotonic,
    /// so this is only the start of the range the queries scan; they still check each block's time.
    var dayStartHeight: Int64

    /// The window counting back from the block at `tipHeight` (the chain's tip, or the height wallet-stats has
    /// counted while it catches up; see `CountedChain`), which must be in `chain.blocks`.
    static func ending(at tipHeight: Int64, on connection: PostgresConnection) throws -> TipWindow {
        let rows = try connection.query("""
            SELECT (SELECT min(b.height) FROM chain.blocks b
                    WHERE b.time > tip.time - interval '24 hours' AND b.height <= tip.height)
            FROM chain.blocks tip
            WHERE tip.height = $1
            """, [tipHeight])
        return TipWindow(tipHeight: tipHeight, dayStartHeight: try rows[0].int64(0))
    }
}
