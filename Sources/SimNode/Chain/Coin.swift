import ChainETL

/// An unspent output as simnode tracks it: value, which pool key locks it, and where it was created
/// (verbosity 3's `prevout` needs height and whether it came from a coinbase).
struct Coin: Sendable, Equatable {
    var value: Int64
    /// Index into `AddressPool.keys`.
    var key: Int32
    var height: Int32
    var isCoinbase: Bool
}

/// The simulated UTXO set with O(1) random picks: a dictionary for lookups plus an array of the spendable
/// outpoints (swap-remove). Coinbase outputs wait in a queue until 100 blocks deep. The same sequence of
/// operations always leaves the same order, which keeps generation and reorg replay deterministic.
struct CoinSet: Sendable {
    private(set) var coins: [OutPoint: Coin] = [:]
    private var spendable: [OutPoint] = []
    private var positions: [OutPoint: Int] = [:]
    private var immature: [(height: Int, outpoint: OutPoint)] = []
    private var immatureHead = 0
    /// Σ value of all coins, mature or not: `gettxoutsetinfo.total_amount`.
    private(set) var totalValue: Int64 = 0

    var count: Int { coins.count }
    var spendableCount: Int { spendable.count }

    /// Adds a new output; coinbase outputs become spendable only through `matureCoinbases`.
    mutating func add(_ outpoint: OutPoint, _ coin: Coin) {
        coins[outpoint] = coin
        totalValue += coin.value
        if coin.isCoinbase {
            immature.append((Int(coin.height), outpoint))
        } else {
            positions[outpoint] = spendable.count
            spendable.append(outpoint)
        }
    }

    /// Makes coinbase outputs created at or below `height - 100` spendable (consensus coinbase maturity).
    mutating func matureCoinbases(forBlockAt height: Int) {
        while immatureHead < immature.count, immature[immatureHead].height <= height - 100 {
            let outpoint = immature[immatureHead].outpoint
            immatureHead += 1
            guard coins[outpoint] != nil else { continue }
            positions[outpoint] = spendable.count
            spendable.append(outpoint)
        }
        if immatureHead > 4096, immatureHead * 2 > immature.count {
            immature.removeFirst(immatureHead)
            immatureHead = 0
        }
    }

    /// Removes and returns a uniformly chosen spendable coin.
    mutating func takeRandom(_ random: inout SimRandom) -> (OutPoint, Coin)? {
        guard !spendable.isEmpty else { return nil }
        let outpoint = spendable[random.below(spendable.count)]
        return (outpoint, spend(outpoint))
    }

    /// Removes a spendable coin (for replaying stored blocks).
    @discardableResult
    mutating func spend(_ outpoint: OutPoint) -> Coin {
        let coin = coins.removeValue(forKey: outpoint)!
        totalValue -= coin.value
        let position = positions.removeValue(forKey: outpoint)!
        let last = spendable.removeLast()
        if position < spendable.count {
            spendable[position] = last
            positions[last] = position
        }
        return coin
    }
}
