import ChainETL
import Logging
import TestSupport

/// The crafted chain the top-table tests share, small enough to compute every table by hand, plus a stand-in for
/// `wallet-stats` (the address balances of the chain's ledger), so build-top10 is tested on its own.
///
/// ```
/// h0 T0          d1  coinbase 1Genesis 50                       (the genesis coinbase is not in supply)
/// h1 T0+600      d2  coinbase 1Alice 50
/// h2 T0+1800     d2  coinbase 1Bob 50;   1Alice's 50 -> 1Gina 49 (fee 1)        (exactly 24 h before the tip)
/// h3 T0+87000    d4  coinbase 1Carol 25, 1Bob 25; 1Bob's 50 -> 1Dave 20, 1Erin 20, 1Bob 9.9 (fee 0.1)
/// h4 T0+88200    d4  coinbase 1Carol 50, OP_RETURN 0; 1Dave's 20 -> 1Frank 10, 1Henry 10;
///                    1Erin's 20 -> 1Ivan 20, OP_RETURN 0
/// ```
/// Balances at the tip: 1Carol 75, 1Genesis 50, 1Gina 49, 1Bob 34.9, 1Ivan 20, 1Frank 10, 1Henry 10 (a tie),
/// 1Alice/1Dave/1Erin 0. Supply = 198.9 coins.
enum TopTablesFixture {
    static let coin: Int64 = 100_000_000
    static let t0: Int64 = 1_600_000_000
    static let tipTime = t0 + 88_200

    /// Applies the chain and wallet-stats migrations (the tables build-top10 reads) to an empty database.
    static func prepare(_ connection: PostgresConnection) throws -> CraftedChain {
        let chain = try CraftedChain(connection: connection)
        try MigrationRunner(connection: connection, logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() })
            .apply([WalletStatsSchema.track])
        return chain
    }

    /// Mines the five blocks above and fills `stats.address_stats`.
    static func mine(_ chain: inout CraftedChain) throws {
        try chain.mine(time: t0, difficulty: 1, coinbase: [CraftedPayment("1Genesis", 50 * coin)])
        try chain.mine(time: t0 + 600, difficulty: 2, coinbase: [CraftedPayment("1Alice", 50 * coin)])
        try chain.mine(
            time: t0 + 1_800, difficulty: 2, coinbase: [CraftedPayment("1Bob", 50 * coin)],
            transfers: [CraftedTransfer(spending: [CraftedOutpoint(height: 1, tx: 0, n: 0)],
                                        paying: [CraftedPayment("1Gina", 49 * coin)])])
        try chain.mine(
            time: t0 + 87_000, difficulty: 4,
            coinbase: [CraftedPayment("1Carol", 25 * coin), CraftedPayment("1Bob", 25 * coin)],
            transfers: [CraftedTransfer(
                spending: [CraftedOutpoint(height: 2, tx: 0, n: 0)],
                paying: [CraftedPayment("1Dave", 20 * coin), CraftedPayment("1Erin", 20 * coin),
                         CraftedPayment("1Bob", 990_000_000)])])
        try chain.mine(
            time: tipTime, difficulty: 4,
            coinbase: [CraftedPayment("1Carol", 50 * coin), CraftedPayment(nil, 0, scriptType: "nulldata")],
            transfers: [
                CraftedTransfer(spending: [CraftedOutpoint(height: 3, tx: 1, n: 0)],
                                paying: [CraftedPayment("1Frank", 10 * coin), CraftedPayment("1Henry", 10 * coin)]),
                CraftedTransfer(spending: [CraftedOutpoint(height: 3, tx: 1, n: 1)],
                                paying: [CraftedPayment("1Ivan", 20 * coin), CraftedPayment(nil, 0, scriptType: "nulldata")]),
            ])
        try WalletStatsStandIn.refresh(chain.connection)
    }
}
