/// How much of the best chain `stats.address_stats` counts, read in the rebuild's snapshot from `wallet-stats`'
/// cursor and the `chain.block_changes` after it. The top tables mix balances (from `address_stats`) with the
/// chain's own tip, supply and blocks; built at the height wallet-stats has counted, a share of supply, the
/// non-empty address count and the status row's height all describe one block, even while `copy-raw` has
/// already committed newer blocks (the half-hourly cron line, a backfill) or wallet-stats failed.
enum CountedChain: Equatable {
    /// `address_stats` counts exactly the best chain's blocks up to `height`: the tip, or below it while
    /// wallet-stats catches up.
    case through(height: Int64, chainTip: Int64)
    /// The chain is empty and nothing is counted: the tables are empty.
    case empty
    /// The chain has blocks but `address_stats` counts none of them (wallet-stats has not run since the
    /// chain tables were filled or rebuilt).
    case uncounted(chainTip: Int64)
    /// A block `address_stats` still counts has left the best chain (the lowest at `height`) and wallet-stats
    /// has not applied that yet: no height of the current chain matches the balances.
    case departed(height: Int64, chainTip: Int64?)

    /// Decides from what the change log says about the blocks changed after the cursor.
    ///
    /// - Parameters:
    ///   - departedHeight: the lowest height of a block whose first change after the cursor is 'left' and whose
    ///     last is 'left' too (counted then, gone now); nil when there is none.
    ///   - lowestUncountedHeight: the lowest height of a block whose first and last changes after the cursor are
    ///     'joined' (on the chain now, not counted); nil when there is none.
    ///   - chainTip: the tip of `chain.blocks`, nil while it is empty.
    ///   - cursorPastChangeLog: the cursor is beyond the change log's last entry: the chain tables were rebuilt
    ///     or restored since, so the balances count some other chain (wallet-stats itself starts over then).
    ///
    /// A block that left and joined again after the cursor is on the chain and counted, one that joined and left
    /// again is neither: both change nothing. Without a departed block the counted blocks are all still on the
    /// chain, so they are its prefix, and the first uncounted height ends it.
    init(departedHeight: Int64?, lowestUncountedHeight: Int64?, chainTip: Int64?, cursorPastChangeLog: Bool = false) {
        if cursorPastChangeLog {
            self = chainTip.map { .uncounted(chainTip: $0) } ?? .empty
        } else if let departedHeight {
            self = .departed(height: departedHeight, chainTip: chainTip)
        } else if let chainTip {
            let counted = lowestUncountedHeight.map { min($0 - 1, chainTip) } ?? chainTip
            self = counted >= 0 ? .through(height: counted, chainTip: chainTip) : .uncounted(chainTip: chainTip)
        } else {
            self = .empty
        }
    }

    /// Reads the position of `cursor` (wallet-stats') and the changes after it. Call inside the rebuild's
    /// REPEATABLE READ transaction, so the answer holds for every query of the rebuild.
    static func read(cursor: ConsumerCursor, on connection: PostgresConnection) throws -> CountedChain {
        let row = try connection.query("""
            WITH cursor AS (
                SELECT coalesce((SELECT position FROM etl.cursors WHERE consumer = $1), 0) AS position
            ), later AS (
                SELECT min(height) AS height,
                       (array_agg(change ORDER BY sequence))[1] AS first_change,
                       (array_agg(change ORDER BY sequence DESC))[1] AS last_change
                FROM chain.block_changes
                WHERE sequence > (SELECT position FROM cursor)
                GROUP BY hash
            )
            SELECT (SELECT min(height) FROM later WHERE first_change = 'left' AND last_change = 'left'),
                   (SELECT min(height) FROM later WHERE first_change = 'joined' AND last_change = 'joined'),
                   (SELECT max(height) FROM chain.blocks),
                   (SELECT position FROM cursor) > coalesce((SELECT max(sequence) FROM chain.block_changes), 0)
            """, [cursor.consumer])[0]
        return CountedChain(
            departedHeight: try row.decode(Int64?.self, at: 0),
            lowestUncountedHeight: try row.decode(Int64?.self, at: 1),
            chainTip: try row.decode(Int64?.self, at: 2), cursorPastChangeLog: try row.bool(3))
    }
}
