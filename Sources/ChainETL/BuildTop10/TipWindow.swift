/// Where the windows of the top tables start, found once per rebuild so every query can read its window through
/// a primary-key range. Counting back from the tip block (never the wall clock) makes a backfill give the same
/// tables a live run gave.
struct TipWindow: Equatable {
    /// The best chain's tip.
    var tipHeight: Int64
    /// The lowest height of a block whose time is less than 24 h before the tip's. Block times are not monotonic,
    /// so this is only the start of the range the queries scan; they still check each block's time.
    var dayStartHeight: Int64

    /// The window of the current chain, or nil while `chain.blocks` is empty.
    static func current(on connection: PostgresConnection) throws -> TipWindow? {
        let rows = try connection.query("""
            SELECT tip.height,
                   (SELECT min(b.height) FROM chain.blocks b WHERE b.time > tip.time - interval '24 hours')
            FROM (SELECT height, time FROM chain.blocks ORDER BY height DESC LIMIT 1) tip
            """)
        guard let row = rows.first else { return nil }
        return TipWindow(tipHeight: try row.int64(0), dayStartHeight: try row.int64(1))
    }
}
