import ChainETL
import TestSupport

/// The hand-made chain the wallet-stats tests compute their expectations from. Amounts in satoshi; D1 is
/// 2021-01-01, D2 the day after.
///
/// | height | time        | coinbase pays      | transfers (spends → pays)                                                        |
/// |--------|-------------|--------------------|----------------------------------------------------------------------------------|
/// | 0      | D1 00:00    | Genesis 5,000,000,000 |                                                                               |
/// | 1      | D1 00:10    | Alice 5,000,000,000 |                                                                                 |
/// | 2      | D1 00:20    | Bob 5,000,000,000  | 1:0:0 (Alice) → Carol 2,000,000,000 + Alice 2,999,990,000 (change to the sender)  |
/// | 3      | D1 00:30    | Dave 5,000,000,000 | 2:1:0 (Carol) → Eve 2,000,000,000 (Carol emptied to exactly zero);               |
/// |        |             |                    | 2:1:1 (Alice) → Frank 1,000,000,000 + Gina 1,999,880,000 + bare multisig 100,000 |
/// |        |             |                    |   (no address) + OP_RETURN 0 (no address) (Alice emptied to exactly zero);       |
/// |        |             |                    | 3:1:0 (Eve) → Hank 1,500,000,000 + Eve 499,990,000 (Eve receives and spends in   |
/// |        |             |                    |   the same block, and in the same transaction)                                   |
/// | old 4  | D2 00:05    | Xavier 5,000,000,000 | 3:3:1 (Eve) → Alice 499,980,000 (Eve emptied again)                             |
/// | old 5  | D2 00:15    | Yann 5,000,000,000 | 4:0:0 (Xavier) → Xavier 3,000,000,000 + Zoe 1,999,990,000                          |
/// | new 4  | D2 00:10    | Walt 5,000,000,000 |                                                                                  |
/// | new 5  | D2 00:20    | Xavier 2,500,000,000 | (Xavier's first appearance moved from the old 4 to the new 5)                  |
enum CraftedWallets {
    static let day1: Int64 = 1_609_459_200  // 2021-01-01T00:00:00Z
    static let day2 = day1 + 86_400

    static let genesis = "1Genesis", alice = "1Alice", bob = "1Bob", carol = "1Carol", dave = "1Dave", eve = "1Eve"
    static let frank = "1Frank", gina = "1Gina", hank = "1Hank", walt = "1Walt", xavier = "1Xavier", yann = "1Yann"
    static let zoe = "1Zoe"

    /// Block times by height of the base chain and of each branch.
    static let baseTimes: [Int64] = [day1, day1 + 600, day1 + 1_200, day1 + 1_800]
    static let oldBranchTimes: [Int64] = [day2 + 300, day2 + 900]
    static let newBranchTimes: [Int64] = [day2 + 600, day2 + 1_200]

    /// Heights 0...3, calling `afterEach` after every block.
    static func mineBase(_ chain: inout CraftedChain, afterEach: () throws -> Void = {}) throws {
        try chain.mine(time: baseTimes[0], coinbase: [CraftedPayment(genesis, 5_000_000_000)])
        try afterEach()
        try chain.mine(time: baseTimes[1], coinbase: [CraftedPayment(alice, 5_000_000_000)])
        try afterEach()
        try chain.mine(
            time: baseTimes[2], coinbase: [CraftedPayment(bob, 5_000_000_000)],
            transfers: [CraftedTransfer(spending: [CraftedOutpoint(height: 1, tx: 0, n: 0)],
                                        paying: [CraftedPayment(carol, 2_000_000_000), CraftedPayment(alice, 2_999_990_000)])])
        try afterEach()
        try chain.mine(
            time: baseTimes[3], coinbase: [CraftedPayment(dave, 5_000_000_000)],
            transfers: [
                CraftedTransfer(spending: [CraftedOutpoint(height: 2, tx: 1, n: 0)], paying: [CraftedPayment(eve, 2_000_000_000)]),
                CraftedTransfer(spending: [CraftedOutpoint(height: 2, tx: 1, n: 1)], paying: [
                    CraftedPayment(frank, 1_000_000_000), CraftedPayment(gina, 1_999_880_000),
                    CraftedPayment(nil, 100_000, scriptType: "multisig"), CraftedPayment(nil, 0, scriptType: "nulldata"),
                ]),
                CraftedTransfer(spending: [CraftedOutpoint(height: 3, tx: 1, n: 0)],
                                paying: [CraftedPayment(hank, 1_500_000_000), CraftedPayment(eve, 499_990_000)]),
            ])
        try afterEach()
    }

    /// Old heights 4 and 5 (the first `count` of them).
    static func mineOldBranch(_ chain: inout CraftedChain, count: Int = 2) throws {
        if count >= 1 {
            try chain.mine(
                time: oldBranchTimes[0], coinbase: [CraftedPayment(xavier, 5_000_000_000)],
                transfers: [CraftedTransfer(spending: [CraftedOutpoint(height: 3, tx: 3, n: 1)],
                                            paying: [CraftedPayment(alice, 499_980_000)])])
        }
        if count >= 2 {
            try chain.mine(
                time: oldBranchTimes[1], coinbase: [CraftedPayment(yann, 5_000_000_000)],
                transfers: [CraftedTransfer(spending: [CraftedOutpoint(height: 4, tx: 0, n: 0)],
                                            paying: [CraftedPayment(xavier, 3_000_000_000), CraftedPayment(zoe, 1_999_990_000)])])
        }
    }

    /// New heights 4 and 5.
    static func mineNewBranch(_ chain: inout CraftedChain) throws {
        try chain.mine(time: newBranchTimes[0], coinbase: [CraftedPayment(walt, 5_000_000_000)])
        try chain.mine(time: newBranchTimes[1], coinbase: [CraftedPayment(xavier, 2_500_000_000)])
    }
}

/// One expected row of `stats.address_stats`, times given as seconds since the epoch.
struct AddressRow: Equatable, CustomStringConvertible {
    var address: String
    var balance: Int64
    var received: Int64
    var sent: Int64
    var txCount: Int64
    var firstHeight: Int64
    var firstTime: Int64
    var lastHeight: Int64
    var lastTime: Int64

    var description: String {
        "\(address) bal \(balance) recv \(received) sent \(sent) tx \(txCount) first \(firstHeight)@\(firstTime) last \(lastHeight)@\(lastTime)"
    }

    /// Every row of `stats.address_stats`, by address.
    static func read(_ connection: PostgresConnection) throws -> [AddressRow] {
        try connection.query("""
            SELECT address, balance, received::bigint, sent::bigint, tx_count, first_seen_height,
                   extract(epoch FROM first_seen_time)::bigint, last_seen_height, extract(epoch FROM last_seen_time)::bigint
            FROM stats.address_stats ORDER BY address COLLATE "C"
            """).map { row in
            AddressRow(address: try row.string(0), balance: try row.int64(1), received: try row.int64(2),
                       sent: try row.int64(3), txCount: try row.int64(4), firstHeight: try row.int64(5),
                       firstTime: try row.int64(6), lastHeight: try row.int64(7), lastTime: try row.int64(8))
        }
    }
}

/// One expected row of `stats.daily_addresses`.
struct DayRow: Equatable {
    var day: String
    var new: Int64
    var active: Int64
    var total: Int64
    var nonempty: Int64

    static func read(_ connection: PostgresConnection) throws -> [DayRow] {
        try connection.query("""
            SELECT day::text, new_addresses, active_addresses, total_addresses, nonempty_addresses
            FROM stats.daily_addresses ORDER BY day
            """).map {
            DayRow(day: try $0.string(0), new: try $0.int64(1), active: try $0.int64(2), total: try $0.int64(3),
                   nonempty: try $0.int64(4))
        }
    }
}

/// One expected row of `stats.address_daily`.
struct AddressDayRow: Equatable, CustomStringConvertible {
    var address: String
    var day: String
    var received: Int64
    var sent: Int64
    var txCount: Int64
    var balance: Int64

    var description: String { "\(address) \(day) recv \(received) sent \(sent) tx \(txCount) bal \(balance)" }

    static func read(_ connection: PostgresConnection) throws -> [AddressDayRow] {
        try connection.query("""
            SELECT address, day::text, received::bigint, sent::bigint, tx_count, balance
            FROM stats.address_daily ORDER BY address COLLATE "C", day
            """).map {
            AddressDayRow(address: try $0.string(0), day: try $0.string(1), received: try $0.int64(2),
                          sent: try $0.int64(3), txCount: try $0.int64(4), balance: try $0.int64(5))
        }
    }
}
