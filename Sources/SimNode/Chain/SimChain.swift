import ChainETL

/// The simulated chain: every block ever generated (by hash), the best chain (by height), the UTXO set of
/// its tip and a txid index. Pure state and logic, no locking or I/O; `SimNode` guards it with a lock.
struct SimChain: Sendable {
    let parameters: ChainParameters
    let configuration: SimNodeConfiguration
    var random: SimRandom
    var pool: AddressPool
    var coins = CoinSet()
    private(set) var blocks: [Hash256: StoredBlock] = [:]
    private(set) var bestChain: [Hash256] = []
    private(set) var transactionIndex: [Hash256: (block: Hash256, index: Int)] = [:]
    /// Incremented by every reorganization; written into coinbases so a new branch's blocks differ.
    private(set) var branch: UInt32 = 0
    var scratch: [UInt8] = []

    /// Difficulty of block 1 onwards until the first retarget: about mainnet's in 2024.
    static let initialBits: UInt32 = 0x1703_4219
    static let retargetInterval = 2016

    init(configuration: SimNodeConfiguration) {
        self.configuration = configuration
        parameters = configuration.chain.parameters
        random = SimRandom(seed: configuration.seed)
        pool = AddressPool(size: configuration.addressPoolSize, segwit: parameters.bech32HumanReadablePart != nil,
                           random: &random)
        let genesis = GenesisBlock.block(for: parameters, fallbackTime: configuration.firstBlockTime &- 600)
        store(genesis, height: 0, spentCoins: [[]], fees: [0], outputKeys: [[-1]], digests: [genesis.transactions[0].digest])
        mine(configuration.initialBlocks)
    }

    // MARK: Queries

    var tip: StoredBlock { blocks[bestChain[bestChain.count - 1]]! }
    var height: Int { bestChain.count - 1 }

    func block(_ hash: Hash256) -> StoredBlock? { blocks[hash] }

    func isOnBestChain(_ stored: StoredBlock) -> Bool {
        stored.height < bestChain.count && bestChain[stored.height] == stored.hash
    }

    /// bitcoind's `confirmations`: depth below the tip, -1 for a block not on the best chain.
    func confirmations(of stored: StoredBlock) -> Int {
        isOnBestChain(stored) ? height - stored.height + 1 : -1
    }

    func nextBlockHash(after stored: StoredBlock) -> Hash256? {
        isOnBestChain(stored) && stored.height < height ? bestChain[stored.height + 1] : nil
    }

    func hash(atHeight height: Int) -> Hash256? {
        height >= 0 && height < bestChain.count ? bestChain[height] : nil
    }

    // MARK: Changes

    /// Mines `count` blocks on the tip; returns their hashes.
    @discardableResult
    mutating func mine(_ count: Int) -> [Hash256] {
        var hashes: [Hash256] = []
        for _ in 0..<max(0, count) {
            let stored = generateBlock(on: tip)
            hashes.append(stored.hash)
        }
        return hashes
    }

    /// Disconnects the last `depth` blocks (never genesis) and mines `newLength` blocks on a new branch
    /// from the fork point. The old blocks stay retrievable by hash (confirmations -1); their transfers
    /// do not come back (the new branch has freshly generated ones).
    @discardableResult
    mutating func reorganize(depth: Int, newLength: Int) -> [Hash256] {
        let depth = min(max(0, depth), height)
        for hash in bestChain.suffix(depth) {
            for digest in blocks[hash]!.digests { transactionIndex.removeValue(forKey: digest.txid) }
        }
        bestChain.removeLast(depth)
        coins = CoinSet()
        for hash in bestChain.dropFirst() { replay(blocks[hash]!) }
        branch += 1
        return mine(newLength)
    }

    private mutating func replay(_ stored: StoredBlock) {
        coins.matureCoinbases(forBlockAt: stored.height)
        for (index, transaction) in stored.block.transactions.enumerated() where index > 0 {
            for input in transaction.inputs { coins.spend(input.previousOutput) }
            addOutputs(of: stored, transactionIndex: index)
        }
        addOutputs(of: stored, transactionIndex: 0)
    }

    mutating func addOutputs(of stored: StoredBlock, transactionIndex index: Int) {
        let transaction = stored.block.transactions[index]
        let txid = stored.digests[index].txid
        for (n, output) in transaction.outputs.enumerated() where stored.outputKeys[index][n] >= 0 {
            coins.add(OutPoint(txid: txid, index: UInt32(n)),
                      Coin(value: output.value, key: stored.outputKeys[index][n], height: Int32(stored.height),
                           isCoinbase: index == 0))
        }
    }

    /// Records a new best-chain block on top of the current tip.
    @discardableResult
    mutating func store(_ block: Block, height: Int, spentCoins: [[Coin]], fees: [Int64], outputKeys: [[Int32]],
                        digests: [TransactionDigest]) -> StoredBlock {
        let hash = block.header.hash
        let parentWork = height == 0 ? UInt256.zero : tip.chainwork
        var times = bestChain.suffix(10).map { blocks[$0]!.block.header.time }
        times.append(block.header.time)
        times.sort()
        let size = digests.reduce(80 + compactSize(block.transactions.count)) { $0 + $1.size }
        let stripped = digests.reduce(80 + compactSize(block.transactions.count)) { $0 + $1.strippedSize }
        let stored = StoredBlock(
            block: block, hash: hash, height: height, digests: digests, spentCoins: spentCoins,
            outputKeys: outputKeys, fees: fees, size: size, strippedSize: stripped,
            chainwork: parentWork + CompactTarget(bits: block.header.bits).work, medianTimePast: times[times.count / 2])
        blocks[hash] = stored
        bestChain.append(hash)
        for (index, digest) in digests.enumerated() { transactionIndex[digest.txid] = (hash, index) }
        return stored
    }

    private func compactSize(_ value: Int) -> Int {
        value < 0xfd ? 1 : value <= 0xffff ? 3 : 5
    }
}
