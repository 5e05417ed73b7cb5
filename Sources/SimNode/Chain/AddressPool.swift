import ChainETL

/// The reusable addresses of the simulated economy: a fixed pool that transfers pay to (so addresses are
/// reused as on the real chain) and a few miners. Kinds follow a mainnet-like mix; chains without segwit
/// get only legacy kinds.
struct AddressPool: Sendable {
    private(set) var keys: [WalletKey]
    /// Indexes into `keys` of the miners' payout keys.
    private(set) var miners: [Int]

    init(size: Int, segwit: Bool, random: inout SimRandom) {
        let mix: [(OutputKind, Int)] = segwit
            ? [(.p2pkh, 24), (.p2sh, 12), (.p2wpkh, 36), (.p2wsh, 8), (.p2tr, 16), (.bareMultisig, 2), (.p2pk, 2)]
            : [(.p2pkh, 80), (.p2sh, 14), (.bareMultisig, 3), (.p2pk, 3)]
        let totalWeight = mix.reduce(0) { $0 + $1.1 }
        var keys: [WalletKey] = []
        keys.reserveCapacity(size + 8)
        for _ in 0..<max(size, 10) {
            var pick = random.below(totalWeight)
            var kind = mix[0].0
            for (candidate, weight) in mix {
                if pick < weight {
                    kind = candidate
                    break
                }
                pick -= weight
            }
            keys.append(WalletKey(kind: kind, random: &random))
        }
        var miners: [Int] = []
        let minerKinds: [OutputKind] = segwit ? [.p2wpkh, .p2pkh, .p2sh, .p2wpkh, .p2tr, .p2pkh, .p2wpkh, .p2pk]
            : [.p2pkh, .p2pkh, .p2sh, .p2pkh, .p2pk, .p2pkh, .p2pkh, .p2sh]
        for kind in minerKinds {
            miners.append(keys.count)
            keys.append(WalletKey(kind: kind, random: &random))
        }
        self.keys = keys
        self.miners = miners
    }

    /// A random non-miner key index.
    func randomRecipient(_ random: inout SimRandom) -> Int {
        random.below(keys.count - miners.count)
    }
}
