public import ChainETL
import Logging

/// A payment in a hand-made block: who receives how much. `address` nil is an output without an address
/// (OP_RETURN with `scriptType: "nulldata"`, bare multisig, ...).
public struct CraftedPayment: Sendable {
    public var address: String?
    public var value: Int64
    public var scriptType: String

    public init(_ address: String?, _ value: Int64, scriptType: String = "pubkeyhash") {
        self.address = address
        self.value = value
        self.scriptType = scriptType
    }
}

/// An output of the current chain by place: block height, transaction index in the block, output index.
public struct CraftedOutpoint: Sendable, Hashable {
    public var height: Int64
    public var tx: Int
    public var n: Int

    public init(height: Int64, tx: Int, n: Int) {
        self.height = height
        self.tx = tx
        self.n = n
    }
}

/// A non-coinbase transaction of a hand-made block.
public struct CraftedTransfer: Sendable {
    public var spending: [CraftedOutpoint]
    public var paying: [CraftedPayment]
    public var size: Int
    public var vsize: Int?

    public init(spending: [CraftedOutpoint], paying: [CraftedPayment], size: Int = 250, vsize: Int? = nil) {
        self.spending = spending
        self.paying = paying
        self.size = size
        self.vsize = vsize
    }
}

/// A hand-made chain for tests whose expectations are computed by hand. Blocks become `BlockRows` and go through
/// copy-raw's own `ChainWriter` (input resolution, ledger, supply, change log), so the tables hold exactly what
/// copy-raw would write for such a chain; no validation rule is applied.
public struct CraftedChain {
    public let connection: PostgresConnection
    /// Txids of the current chain's transactions by height, so transfers can name outputs by place.
    private var txids: [Int64: [String]] = [:]
    private var hashes: [Int64: String] = [:]
    /// Counts every block ever mined, so a block mined after a reorg gets a new hash and new txids.
    private var serial = 0

    /// Applies the `etl` and `chain` migrations on `connection` (a fresh test database).
    public init(connection: PostgresConnection) throws {
        self.connection = connection
        try MigrationRunner(connection: connection, logger: connection.logger)
            .apply([CoreMigrations.track, ChainSchema.track])
        let rows = try connection.query("SELECT height, hash FROM chain.blocks ORDER BY height")
        for row in rows { hashes[try row.int64(0)] = try row.string(1) }
        serial = rows.count
    }

    /// The height of the current tip, nil while empty.
    public var tipHeight: Int64? { hashes.keys.max() }

    /// The hash of the current chain's block at `height`.
    public func hash(at height: Int64) -> String? { hashes[height] }

    /// The txid of transaction `tx` of the block at `height` on the current chain.
    public func txid(height: Int64, tx: Int) -> String? { txids[height]?[tx] }

    /// Mines a block on top of the tip (height 0 first) and writes it; returns its height.
    @discardableResult
    public mutating func mine(
        time: Int64, difficulty: Double = 1, size: Int = 1_000, weight: Int? = nil,
        coinbase: [CraftedPayment], transfers: [CraftedTransfer] = []
    ) throws -> Int64 {
        let height = (tipHeight ?? -1) + 1
        serial += 1
        let hash = Self.fakeHash("block \(serial)")
        var blockTxids: [String] = []
        var rows = BlockRows(
            block: BlockRow(
                height: height, hash: hash, previousHash: hashes[height - 1], time: time, size: size, weight: weight,
                transactionCount: transfers.count + 1, difficulty: difficulty),
            transactions: [], outputs: [], inputs: [])
        for (index, payments) in ([coinbase] + transfers.map(\.paying)).enumerated() {
            let txid = Self.fakeHash("tx \(serial) \(index)")
            blockTxids.append(txid)
            for (n, payment) in payments.enumerated() {
                rows.outputs.append(OutputRow(
                    blockHeight: height, transactionIndex: index, n: n, txid: txid, address: payment.address,
                    scriptType: payment.scriptType, value: payment.value))
            }
            let transfer = index > 0 ? transfers[index - 1] : nil
            for (n, outpoint) in (transfer?.spending ?? []).enumerated() {
                let spentTxid = outpoint.height == height ? blockTxids[outpoint.tx] : txids[outpoint.height]?[outpoint.tx]
                rows.inputs.append(InputRow(
                    blockHeight: height, transactionIndex: index, n: n, txid: txid,
                    spent: OutputReference(txid: spentTxid ?? "missing", n: outpoint.n), address: nil, value: nil))
            }
            rows.transactions.append(TransactionRow(
                blockHeight: height, index: index, txid: txid, isCoinbase: index == 0, size: transfer?.size ?? 200,
                virtualSize: transfer?.vsize, inputCount: transfer?.spending.count ?? 0, outputCount: payments.count,
                inputValue: index == 0 ? 0 : nil, outputValue: payments.reduce(0) { $0 + $1.value },
                fee: index == 0 ? 0 : nil))
        }
        try connection.transaction { connection in
            try ChainWriter(connection: connection).append([rows], rules: .none(parameters: Chain.bitcoin.parameters))
        }
        hashes[height] = hash
        txids[height] = blockTxids
        return height
    }

    /// Takes the top `depth` blocks off the chain the way copy-raw applies a reorg ('left' changes, tip first),
    /// so the next `mine` builds the new branch.
    public mutating func orphan(depth: Int) throws {
        for _ in 0..<depth {
            guard let height = tipHeight, let hash = hashes[height] else { return }
            try connection.transaction { connection in
                _ = try ChainWriter(connection: connection).remove(height: height, hash: hash)
            }
            hashes[height] = nil
            txids[height] = nil
        }
    }

    private static func fakeHash(_ seed: String) -> String {
        Hex.encode(SHA256.hash(Array(seed.utf8)).bytes)
    }
}
