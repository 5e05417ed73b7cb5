import ChainETL
import TestSupport

/// The hand-made chain the daily tests compute their expectations from (times in UTC):
///
/// | height | time                  | day    | difficulty | size  | coinbase pays  | transfers (spends → pays, fee)                      |
/// |--------|-----------------------|--------|------------|-------|----------------|-----------------------------------------------------|
/// | 0      | 2020-12-31 23:50:00   | day 0  | 1          | 285   | 5,000,000,000  |                                                     |
/// | 1      | 2021-01-01 00:01:40   | day 1  | 1          | 1,000 | 5,000,000,000  |                                                     |
/// | 2      | 2021-01-01 00:11:40   | day 1  | 2          | 2,000 | 5,000,010,000  | 1:0:0 → 1,000,000,000 + 3,999,990,000, fee 10,000   |
/// | 3      | 2021-01-01 23:59:50   | day 1  | 2          | 1,500 | 5,000,000,000  |                                                     |
/// | 4      | 2021-01-02 00:00:10   | day 2  | 4          | 3,000 | 5,000,150,000  | 2:1:0 → 999,900,000 + OP_RETURN 0, fee 100,000;     |
/// |        |                       |        |            |       |                | 3:0:0 → 2,000,000,000 + 2,999,950,000, fee 50,000   |
/// | 5      | 2021-01-01 23:53:20   | day 1  | 4          | 500   | 2,500,000,000  | (time goes back across midnight)                    |
/// | 6      | 2021-01-02 00:10:00   | day 2  | 8          | 800   | 2,500,100,000  | 4:1:0 → 999,800,000, fee 100,000                    |
/// | 7      | 2021-01-04 00:05:00   | day 4  | 8          | 1,200 | 2,500,000,000  | (day 3 has no block)                                |
/// | 8      | 2021-01-04 00:15:00   | day 4  | 16         | 1,300 | 2,500,000,000  |                                                     |
enum CraftedDays {
    static let day0: Int64 = 1_609_372_800  // 2020-12-31T00:00:00Z
    static let day1 = day0 + 86_400
    static let day2 = day1 + 86_400
    static let day3 = day2 + 86_400
    static let day4 = day3 + 86_400
    /// 2^32: hashes per unit of difficulty.
    static let work = 4_294_967_296.0

    /// Mines heights 0...8 of the table above, calling `afterEach` after every block.
    static func mine(_ chain: inout CraftedChain, afterEach: () throws -> Void = {}) throws {
        try chain.mine(time: day1 - 600, difficulty: 1, size: 285, coinbase: [CraftedPayment("1Genesis", 5_000_000_000)])
        try afterEach()
        try chain.mine(time: day1 + 100, difficulty: 1, size: 1_000, coinbase: [CraftedPayment("1Alice", 5_000_000_000)])
        try afterEach()
        try chain.mine(
            time: day1 + 700, difficulty: 2, size: 2_000, coinbase: [CraftedPayment("1Bob", 5_000_010_000)],
            transfers: [CraftedTransfer(spending: [CraftedOutpoint(height: 1, tx: 0, n: 0)],
                                        paying: [CraftedPayment("1Carol", 1_000_000_000), CraftedPayment("1Alice", 3_999_990_000)])])
        try afterEach()
        try chain.mine(time: day1 + 86_390, difficulty: 2, size: 1_500, coinbase: [CraftedPayment("1Alice", 5_000_000_000)])
        try afterEach()
        try chain.mine(
            time: day2 + 10, difficulty: 4, size: 3_000, coinbase: [CraftedPayment("1Dave", 5_000_150_000)],
            transfers: [
                CraftedTransfer(spending: [CraftedOutpoint(height: 2, tx: 1, n: 0)],
                                paying: [CraftedPayment("1Eve", 999_900_000), CraftedPayment(nil, 0, scriptType: "nulldata")]),
                CraftedTransfer(spending: [CraftedOutpoint(height: 3, tx: 0, n: 0)],
                                paying: [CraftedPayment("1Frank", 2_000_000_000), CraftedPayment("1Alice", 2_999_950_000)]),
            ])
        try afterEach()
        try chain.mine(time: day1 + 86_000, difficulty: 4, size: 500, coinbase: [CraftedPayment("1Bob", 2_500_000_000)])
        try afterEach()
        try chain.mine(
            time: day2 + 600, difficulty: 8, size: 800, coinbase: [CraftedPayment("1Eve", 2_500_100_000)],
            transfers: [CraftedTransfer(spending: [CraftedOutpoint(height: 4, tx: 1, n: 0)],
                                        paying: [CraftedPayment("1Gina", 999_800_000)])])
        try afterEach()
        try chain.mine(time: day4 + 300, difficulty: 8, size: 1_200, coinbase: [CraftedPayment("1Hank", 2_500_000_000)])
        try afterEach()
        try chain.mine(time: day4 + 900, difficulty: 16, size: 1_300, coinbase: [CraftedPayment("1Hank", 2_500_000_000)])
        try afterEach()
    }

    /// `stats.daily_blocks` for heights 0...8, computed by hand from the table.
    static let expectedBlocks: [DailyBlocksRow] = [
        // Genesis day: no block before the first, so no interval and no hashrate.
        DailyBlocksRow(
            day: "2020-12-31", blocks: 1, firstHeight: 0, lastHeight: 0, sizeMean: "285", sizeMin: 285, sizeMax: 285,
            intervalMean: nil, intervalMin: nil, intervalMax: nil, difficultyMean: 1, hashrate: nil,
            subsidySum: "5000000000", feeSum: "0", feeMean: "0", rewardSum: "5000000000", rewardMean: "5000000000",
            issuedTotal: "5000000000"),
        // Heights 1, 2, 3 and 5 (5's time went back before midnight). Intervals 700, 600, 85,690 and
        // 5 - 4 = -410; hashrate: (1+2+2+4) * 2^32 over time(5) - time(0) = 86,600 s.
        DailyBlocksRow(
            day: "2021-01-01", blocks: 4, firstHeight: 1, lastHeight: 5, sizeMean: "1250", sizeMin: 500,
            sizeMax: 2_000, intervalMean: "21645", intervalMin: -410, intervalMax: 85_690, difficultyMean: 2.25,
            hashrate: 9 * work / 86_600, subsidySum: "17500000000", feeSum: "10000", feeMean: "2500",
            rewardSum: "17500010000", rewardMean: "4375002500", issuedTotal: "22500000000"),
        // Heights 4 and 6. Intervals 4 - 3 = 20 and 6 - 5 = 1,000; hashrate: (4+8) * 2^32 over time(6) - time(3)
        // = 610 s.
        DailyBlocksRow(
            day: "2021-01-02", blocks: 2, firstHeight: 4, lastHeight: 6, sizeMean: "1900", sizeMin: 800,
            sizeMax: 3_000, intervalMean: "510", intervalMin: 20, intervalMax: 1_000, difficultyMean: 6,
            hashrate: 12 * work / 610, subsidySum: "7500000000", feeSum: "250000", feeMean: "125000",
            rewardSum: "7500250000", rewardMean: "3750125000", issuedTotal: "30000000000"),
        // No block: zero sums, no means, the total carried.
        DailyBlocksRow(
            day: "2021-01-03", blocks: 0, firstHeight: nil, lastHeight: nil, sizeMean: nil, sizeMin: nil, sizeMax: nil,
            intervalMean: nil, intervalMin: nil, intervalMax: nil, difficultyMean: nil, hashrate: nil,
            subsidySum: "0", feeSum: "0", feeMean: nil, rewardSum: "0", rewardMean: nil, issuedTotal: "30000000000"),
        // Heights 7 and 8. Intervals 7 - 6 = 172,500 (across the empty day) and 600; hashrate: (8+16) * 2^32
        // over time(8) - time(6) = 173,100 s.
        DailyBlocksRow(
            day: "2021-01-04", blocks: 2, firstHeight: 7, lastHeight: 8, sizeMean: "1250", sizeMin: 1_200,
            sizeMax: 1_300, intervalMean: "86550", intervalMin: 600, intervalMax: 172_500, difficultyMean: 12,
            hashrate: 24 * work / 173_100, subsidySum: "5000000000", feeSum: "0", feeMean: "0",
            rewardSum: "5000000000", rewardMean: "2500000000", issuedTotal: "35000000000"),
    ]

    /// `stats.daily_transactions` for heights 0...8: both types on every day, zeros included.
    static let expectedTransactions: [DailyTransactionsRow] = [
        coinbase("2020-12-31", count: 1, amount: "5000000000", outputs: 1),
        noTransfers("2020-12-31"),
        coinbase("2021-01-01", count: 4, amount: "17500010000", outputs: 4),
        DailyTransactionsRow(
            day: "2021-01-01", type: "transfer", count: 1, amountSum: "4999990000", feeSum: "10000", feeMean: "10000",
            feeMin: 10_000, feeMax: 10_000, inputCount: 1, outputCount: 2),
        coinbase("2021-01-02", count: 2, amount: "7500250000", outputs: 2),
        // 999,900,000 + 0, 2,000,000,000 + 2,999,950,000 and 999,800,000; fees 100,000, 50,000 and 100,000.
        DailyTransactionsRow(
            day: "2021-01-02", type: "transfer", count: 3, amountSum: "6999650000", feeSum: "250000",
            feeMean: "83333.333333", feeMin: 50_000, feeMax: 100_000, inputCount: 3, outputCount: 5),
        coinbase("2021-01-03", count: 0, amount: "0", outputs: 0),
        noTransfers("2021-01-03"),
        coinbase("2021-01-04", count: 2, amount: "5000000000", outputs: 2),
        noTransfers("2021-01-04"),
    ]

    static func coinbase(_ day: String, count: Int64, amount: String, outputs: Int64) -> DailyTransactionsRow {
        DailyTransactionsRow(day: day, type: "coinbase", count: count, amountSum: amount, feeSum: "0", feeMean: nil,
                             feeMin: nil, feeMax: nil, inputCount: 0, outputCount: outputs)
    }

    static func noTransfers(_ day: String) -> DailyTransactionsRow {
        DailyTransactionsRow(day: day, type: "transfer", count: 0, amountSum: "0", feeSum: "0", feeMean: nil,
                             feeMin: nil, feeMax: nil, inputCount: 0, outputCount: 0)
    }
}
