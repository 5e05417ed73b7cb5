/// `stats.address_daily` holds the days from the tip block's UTC day minus (ADDRESS_DAILY_DAYS - 1) on. The
/// window follows the tip: days that fall out are deleted, and days that come back in (a reorg moved the tip to
/// an earlier day, or the setting was raised) are filled in from the ledger, so the table always equals what a
/// fresh load would give. `etl.wallet_stats_window` remembers which first day the table holds.
///
/// A row's balance is the address's balance at the end of its day: its current balance minus the nets of its
/// later rows. All later days are inside the window, so that is exact without reading older history.
struct AddressDailyWindow {
    let connection: PostgresConnection
    /// ADDRESS_DAILY_DAYS.
    let days: Int

    /// The blocks of the days from `$1` up to (not including) `$2` (NULL: all later days).
    private static let blocksOfDays = """
        b.time >= ($1::date::timestamp AT TIME ZONE 'UTC')
          AND ($2::date IS NULL OR b.time < ($2::date::timestamp AT TIME ZONE 'UTC'))
        """

    /// The lowest and highest height of the blocks of the days `$1...$2` (as in `fillDaysSQL`).
    static let fillHeightsSQL = "SELECT min(b.height), max(b.height) FROM chain.blocks b WHERE \(blocksOfDays)"

    /// `ws_filled_days`: every address's totals per day for the days `$1...$2`, whose blocks lie within the
    /// heights `$3...$4`.
    static let fillDaysSQL = """
        CREATE TEMP TABLE ws_filled_days ON COMMIT DROP AS
        SELECT m.address, (b.time AT TIME ZONE 'UTC')::date AS day,
               sum(m.received) AS received, sum(m.sent) AS sent, count(*)::integer AS tx_count
        FROM chain.blocks b
        JOIN chain.address_movements m ON m.block_height = b.height
        WHERE \(blocksOfDays)
          AND m.block_height BETWEEN $3 AND $4
        GROUP BY m.address, (b.time AT TIME ZONE 'UTC')::date
        """

    /// The first day of the window for the current tip (ISO `YYYY-MM-DD`), nil while `chain.blocks` is empty.
    func firstDay() throws -> String? {
        try connection.query("""
            SELECT ((time AT TIME ZONE 'UTC')::date - ($1::integer - 1))::text
            FROM chain.blocks ORDER BY height DESC LIMIT 1
            """, [days]).first?.decode(String?.self, at: 0) ?? nil
    }

    /// Rewrites the rows of the addresses a window of changes touched, from each one's earliest touched day on,
    /// from their current history (`ws_new_days`, balances from `ws_new_stats`); rows before that day are
    /// unchanged by definition. Rows are upserted in place (the key never changes, so the update is HOT and
    /// touches no index) and only rows that differ are written; a day disappears only for an address that lost
    /// blocks. Returns the rows written.
    @discardableResult
    func replaceTouchedRows(windowStart: String?) throws -> Int {
        let deleted = try connection.execute("""
            DELETE FROM stats.address_daily a USING ws_address_delta d
            WHERE d.departed AND a.address = d.address AND a.day >= d.first_day
              AND NOT EXISTS (SELECT 1 FROM ws_new_days n WHERE n.address = a.address AND n.day = a.day)
            """)
        guard let windowStart else { return deleted }
        return deleted + (try connection.execute("""
            INSERT INTO stats.address_daily AS a (address, day, received, sent, tx_count, balance)
            SELECT address, day, received, sent, tx_count, balance FROM (
                SELECT n.address, n.day, n.received, n.sent, n.tx_count,
                       s.balance - sum(n.received - n.sent) OVER (PARTITION BY n.address)
                                 + sum(n.received - n.sent) OVER (PARTITION BY n.address ORDER BY n.day) AS balance
                FROM ws_new_days n
                JOIN ws_new_stats s ON s.address = n.address
            ) history
            WHERE day >= $1::date
            ON CONFLICT (address, day) DO UPDATE
            SET received = EXCLUDED.received, sent = EXCLUDED.sent, tx_count = EXCLUDED.tx_count,
                balance = EXCLUDED.balance
            WHERE (a.received, a.sent, a.tx_count, a.balance)
                  IS DISTINCT FROM (EXCLUDED.received, EXCLUDED.sent, EXCLUDED.tx_count, EXCLUDED.balance)
            """, [windowStart]))
    }

    /// Moves the window to `windowStart`: deletes older rows, fills in days the table does not hold yet, and
    /// records the new first day. Returns the rows filled in.
    @discardableResult
    func move(to windowStart: String?) throws -> Int {
        let held = try connection.query("SELECT first_day::text FROM etl.wallet_stats_window")
            .first?.decode(String?.self, at: 0) ?? nil
        var filled = 0
        if let windowStart {
            if let held, held < windowStart {
                try connection.execute("DELETE FROM stats.address_daily WHERE day < $1::date", [windowStart])
            }
            if held == nil || windowStart < held! {
                filled = try fill(from: windowStart, before: held)
            }
        } else {
            try connection.execute("DELETE FROM stats.address_daily")
        }
        try connection.execute("""
            INSERT INTO etl.wallet_stats_window (singleton, first_day) VALUES (true, $1::date)
            ON CONFLICT (singleton) DO UPDATE SET first_day = EXCLUDED.first_day
            """, [windowStart])
        return filled
    }

    /// Forgets which days the table holds (after emptying it for a full rebuild).
    func reset() throws {
        try connection.execute("DELETE FROM etl.wallet_stats_window")
    }

    /// Adds the rows of every address for the days from `start` up to (not including) `end` (no end: all later
    /// days), then recomputes the end-of-day balances of the addresses that got rows.
    private func fill(from start: String, before end: String?) throws -> Int {
        // The ledger is indexed by block through a BRIN index, which only a range of heights reaches; block
        // times are not in height order, so the range is read first and the join keeps the blocks of the days.
        let heights = try connection.query(Self.fillHeightsSQL, [start, end])[0]
        try connection.execute(Self.fillDaysSQL, [
            start, end, try heights.decode(Int64?.self, at: 0), try heights.decode(Int64?.self, at: 1),
        ])
        let filled = try connection.execute("""
            INSERT INTO stats.address_daily (address, day, received, sent, tx_count, balance)
            SELECT address, day, received, sent, tx_count, 0 FROM ws_filled_days
            ON CONFLICT (address, day) DO NOTHING
            """)
        try connection.execute("""
            UPDATE stats.address_daily a SET balance = r.balance
            FROM (
                SELECT a.address, a.day,
                       s.balance - coalesce(sum(a.received - a.sent) OVER (
                           PARTITION BY a.address ORDER BY a.day DESC
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS balance
                FROM stats.address_daily a
                JOIN stats.address_stats s ON s.address = a.address
                WHERE a.address IN (SELECT address FROM ws_filled_days)
            ) r
            WHERE a.address = r.address AND a.day = r.day AND a.balance IS DISTINCT FROM r.balance
            """)
        try connection.executeScript("DROP TABLE ws_filled_days")
        return filled
    }
}
