/// The per-day history of the addresses a window of changes touched, from the earliest day the window touched
/// for each address on: `ws_new_days (address, day, received, sent, tx_count)` as the best chain holds it now.
/// With the window's own per-day delta it gives the old history too (old = new - delta), which is all the day
/// statistics need to be corrected exactly, whatever day the changed blocks belong to.
struct TouchedAddressDays {
    let connection: PostgresConnection

    /// Reads the ledger rows of the touched addresses from the first block of their earliest touched day, via
    /// the ledger's (address, block_height) index.
    func stage() throws {
        // The first height whose block is of the earliest touched day or later: every earlier block is of an
        // earlier day, so the index range starts here. A literal parameter lets the planner see the range.
        let start = try connection.query("""
            SELECT min(b.height) FROM chain.blocks b
            WHERE b.time >= ((SELECT min(first_day) FROM ws_address_delta)::timestamp AT TIME ZONE 'UTC')
            """)[0].decode(Int64?.self, at: 0)
        try connection.execute("""
            CREATE TEMP TABLE ws_new_days ON COMMIT DROP AS
            SELECT m.address, (b.time AT TIME ZONE 'UTC')::date AS day,
                   sum(m.received) AS received, sum(m.sent) AS sent, count(*)::integer AS tx_count
            FROM ws_address_delta d
            JOIN chain.address_movements m ON m.address = d.address AND m.block_height >= $1
            JOIN chain.blocks b ON b.height = m.block_height
            WHERE b.time >= (d.first_day::timestamp AT TIME ZONE 'UTC')
            GROUP BY m.address, (b.time AT TIME ZONE 'UTC')::date
            """, [start ?? Int64.max])
        try connection.executeScript("ANALYZE ws_new_days")
    }
}
