public import ChainETL

/// What `wallet-stats` keeps in `stats.address_stats`, recomputed from scratch from the ledger, and its cursor at
/// the last change of the chain: the input build-top10 reads, without depending on the wallet-stats tool.
public enum WalletStatsStandIn {
    /// Replaces `stats.address_stats` by the balances of the whole chain and moves the cursor to its last change.
    public static func refresh(_ connection: PostgresConnection) throws {
        try connection.transaction { connection in
            let last = try connection.query("SELECT coalesce(max(sequence), 0) FROM chain.block_changes")[0].int64(0)
            try WalletStatsUpdater.cursor.advance(to: last, on: connection)
            try connection.execute("DELETE FROM stats.address_stats")
            try connection.execute("""
                INSERT INTO stats.address_stats (address, balance, received, sent, tx_count, first_seen_height,
                                                 first_seen_time, last_seen_height, last_seen_time)
                SELECT m.address, sum(m.received) - sum(m.sent), sum(m.received), sum(m.sent), count(*),
                       min(m.block_height), min(b.time), max(m.block_height), max(b.time)
                FROM chain.address_movements m JOIN chain.blocks b ON b.height = m.block_height
                GROUP BY m.address
                """)
        }
    }
}
