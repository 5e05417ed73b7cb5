import ChainETL
import TestSupport

/// A random but reproducible history of blocks and reorgs over a `CraftedChain`, with what the crafted tests
/// cannot enumerate by hand: few addresses that are emptied and refilled again and again, payments back to the
/// sender, spends of outputs created earlier in the same block, outputs without an address, and block times
/// that jump across midnight and go backwards.
struct RandomWalletHistory {
    /// An unspent output of the current chain.
    private struct Coin {
        var outpoint: CraftedOutpoint
        var value: Int64
    }

    private var random: SplitMix
    private(set) var chain: CraftedChain
    /// The unspent outputs after each height of the current chain (index = height).
    private var coinsAfter: [[Coin]] = []
    private let addresses = (0..<8).map { "1Random\($0)" }
    /// 2021-03-01 21:00 UTC: the first blocks already straddle midnight.
    private let start: Int64 = 1_614_632_400

    init(chain: CraftedChain, seed: UInt64) {
        self.chain = chain
        random = SplitMix(seed: seed)
    }

    /// Mines one block on the tip: a coinbase and up to three transfers.
    mutating func mine() throws {
        let height = Int64(coinsAfter.count)
        var coins = coinsAfter.last ?? []
        // About three hours apart, give or take four: times go backwards across midnight now and then.
        let time = start + height * 10_800 + Int64(random.next(upTo: 28_800)) - 14_400
        let coinbaseValue = Int64(1_000_000 + random.next(upTo: 9) * 1_000_000)
        var coinbase = [CraftedPayment(pick(), coinbaseValue)]
        if random.next(upTo: 4) == 0 { coinbase.append(CraftedPayment(nil, 0, scriptType: "nulldata")) }
        var created: [Coin] = coinbase.enumerated().compactMap { n, payment in
            payment.address == nil ? nil : Coin(outpoint: CraftedOutpoint(height: height, tx: 0, n: n), value: payment.value)
        }
        var transfers: [CraftedTransfer] = []
        for _ in 0..<Int(random.next(upTo: 4)) {
            let tx = transfers.count + 1
            // Earlier coins, or (sometimes) a coin an earlier transaction of this block created.
            var pool = coins
            if random.next(upTo: 3) == 0 { pool += created.filter { $0.outpoint.tx > 0 } }
            guard !pool.isEmpty else { break }
            let index = Int(random.next(upTo: UInt64(pool.count)))
            let spent = pool[index]
            coins.removeAll { $0.outpoint == spent.outpoint }
            created.removeAll { $0.outpoint == spent.outpoint }
            let fee = spent.value > 10_000 && random.next(upTo: 2) == 0 ? Int64(1_000) : 0
            var remaining = spent.value - fee
            var paying: [CraftedPayment] = []
            for _ in 0..<Int(1 + random.next(upTo: 3)) where remaining > 0 {
                let value = random.next(upTo: 2) == 0 ? remaining : Int64(random.next(upTo: UInt64(remaining))) + 1
                paying.append(random.next(upTo: 10) == 0
                              ? CraftedPayment(nil, value, scriptType: "multisig") : CraftedPayment(pick(), value))
                remaining -= value
            }
            if remaining > 0 { paying.append(CraftedPayment(pick(), remaining)) }
            transfers.append(CraftedTransfer(spending: [spent.outpoint], paying: paying))
            for (n, payment) in paying.enumerated() where payment.address != nil {
                created.append(Coin(outpoint: CraftedOutpoint(height: height, tx: tx, n: n), value: payment.value))
            }
        }
        try chain.mine(time: time, coinbase: coinbase, transfers: transfers)
        coinsAfter.append(coins + created)
    }

    /// Takes the top `depth` blocks off the chain.
    mutating func orphan(depth: Int) throws {
        let depth = min(depth, coinsAfter.count - 1)
        try chain.orphan(depth: depth)
        coinsAfter.removeLast(depth)
    }

    /// A random draw below `bound`, for the test's own choices.
    mutating func draw(_ bound: Int) -> Int {
        Int(random.next(upTo: UInt64(bound)))
    }

    private mutating func pick() -> String {
        addresses[Int(random.next(upTo: UInt64(addresses.count)))]
    }
}

/// SplitMix64: a tiny deterministic generator, so a failing history replays from its seed.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in 0..<bound (bound > 0).
    mutating func next(upTo bound: UInt64) -> UInt64 {
        next() % bound
    }
}
