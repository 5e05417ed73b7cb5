import ChainETL
import Foundation
import Logging
import TestSupport

/// What the process-level tests of `build-top10` share: the executable, the environment a cron line sets, and a
/// small crafted chain with the tables wallet-stats would have filled.
enum BuildTop10ProcessHarness {
    static let tool = ToolExecutable(name: "build-top10")

    /// `DATABASE_URL` only: build-top10 never contacts the node.
    static func environment(_ database: TestDatabase, extra: [String: String] = [:]) -> [String: String] {
        ["DATABASE_URL": database.connectionString].merging(extra) { _, new in new }
    }

    /// Three blocks (1Alice mines twice, pays 1Bob 20 coins) and `stats.address_stats` as wallet-stats would
    /// leave it (recomputed from the ledger). `withWalletStats: false` leaves wallet-stats' tables out.
    static func prepare(_ database: TestDatabase, withWalletStats: Bool = true) throws -> CraftedChain {
        let connection = try database.connect()
        var chain = try CraftedChain(connection: connection)
        let coin: Int64 = 100_000_000
        try chain.mine(time: 1_600_000_000, coinbase: [CraftedPayment("1Genesis", 50 * coin)])
        try chain.mine(time: 1_600_000_600, coinbase: [CraftedPayment("1Alice", 50 * coin)])
        try chain.mine(
            time: 1_600_001_200, coinbase: [CraftedPayment("1Alice", 50 * coin)],
            transfers: [CraftedTransfer(spending: [CraftedOutpoint(height: 1, tx: 0, n: 0)],
                                        paying: [CraftedPayment("1Bob", 20 * coin), CraftedPayment("1Alice", 30 * coin)])])
        guard withWalletStats else { return chain }
        try MigrationRunner(connection: connection, logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() })
            .apply([WalletStatsSchema.track])
        try WalletStatsStandIn.refresh(connection)
        return chain
    }

    /// Every top table as text rows, except `updated_at`.
    static func topTables(_ connection: PostgresConnection) throws -> [[String?]] {
        var rows: [[String?]] = []
        for sql in [
            "SELECT 'richest', rank::text, address, balance::text, share::text, label FROM stats.top_richest ORDER BY rank",
            "SELECT 'miners', rank::text, address, blocks::text, share::text, reward::text FROM stats.top_miners ORDER BY rank",
            "SELECT 'tx', rank::text, txid, amount::text, fee::text FROM stats.top_transactions_24h ORDER BY rank",
            "SELECT 'active', rank::text, address, tx_count::text, received::text, sent::text FROM stats.top_active_addresses_24h ORDER BY rank",
            "SELECT 'status', height::text, tip_hash, supply::text, nonempty_addresses::text, hashrate::text FROM stats.network_status",
        ] {
            let result = try connection.query(sql)
            rows += try result.map { row in try (0..<result.columnCount).map { try row.decode(String?.self, at: $0) } }
        }
        return rows
    }

    /// The statuses of build-top10's `etl.job_runs` rows, oldest first.
    static func jobRunStatuses(_ connection: PostgresConnection) throws -> [String] {
        try connection.query("SELECT status FROM etl.job_runs WHERE tool = 'build-top10' ORDER BY id").map { try $0.string(0) }
    }
}
