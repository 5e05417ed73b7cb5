import ChainETL
import SimNode
import Testing
import TestSupport

/// A landing zone holding a short simnode chain and one crafted block that spends one of its coinbases, all
/// copied by copy-raw; tests then land crafted blocks on top (a good one, a bad one, one after it) and watch
/// what copy-raw does with them.
struct QuarantineScenario {
    /// An unspent output of the copied chain that a crafted transfer can spend.
    struct Coin {
        var reference: OutputReference
        var output: CraftedLandedBlock.Output

        /// The input spending this coin, with the spent output as `prevout` (used by verbosity 3 only).
        var input: CraftedLandedBlock.Input { CraftedLandedBlock.Input(spending: reference, prevout: output) }
    }

    /// The fee of the transfers the scenario builds, in base units.
    static let fee: Int64 = 100_000

    let database: TestDatabase
    let connection: PostgresConnection
    /// The rules the crafted coinbases are built for (subsidy schedule); a test that changes
    /// `etl.validation_rules` changes these to match.
    var rules = ValidationRules(parameters: Chain.bitcoin.parameters)
    /// Unspent coinbase outputs of the simnode chain, oldest first; `takeCoin()` hands them out.
    private var coins: [Coin]
    /// The coin the first crafted block spent, so it is already spent below every later block.
    let spentCoin: Coin
    /// The first crafted block, copied when the scenario starts.
    let firstBlock: CraftedLandedBlock

    /// Scrapes an 8-block simnode chain (coinbases only) into `database`, copies it, then lands and copies a
    /// crafted block whose transfer spends the oldest coinbase.
    init(database: TestDatabase) throws {
        self.database = database
        let node = SimNode(configuration: SimNodeConfiguration(seed: 5, initialBlocks: 8, transactionsPerBlock: 1))
        let url = try node.start()
        defer { node.stop() }
        try QuietScrape.run(database: database, nodeURL: url)
        try QuietCopyRaw.run(database: database)
        connection = try database.connect()
        coins = try connection.query("""
            SELECT txid, n, address, value, script_type FROM chain.outputs
            WHERE spent_height IS NULL AND block_height > 0 AND address IS NOT NULL
            ORDER BY block_height, tx_index, n
            """).map { row in
            Coin(reference: OutputReference(txid: try row.string(0), n: try row.int(1)),
                 output: CraftedLandedBlock.Output(try row.string(2), try row.int64(3), scriptType: try row.string(4)))
        }
        try #require(coins.count >= 6, "simnode's chain has too few coinbase outputs to spend")
        let tip = try #require(try connection.query("SELECT height, hash FROM chain.blocks ORDER BY height DESC LIMIT 1").first)
        spentCoin = coins.removeFirst()
        var first = CraftedLandedBlock(height: try tip.int64(0) + 1, previousHash: try tip.string(1), seed: "first", transactions: [])
        first.transactions = Self.withCoinbase("first", transfers: [Self.transfer("first", spending: [spentCoin])],
                                               claiming: rules.subsidy(atHeight: first.height))
        firstBlock = first
        try first.land(on: connection)
        try QuietCopyRaw.run(database: database)
    }

    /// The next unspent coin.
    mutating func takeCoin() -> Coin {
        coins.removeFirst()
    }

    /// A block on top of `parent` (the first crafted block by default) holding `transfers` after a coinbase
    /// that claims exactly the subsidy plus their fees, plus `extraClaim`.
    func block(
        _ seed: String, on parent: CraftedLandedBlock? = nil, transfers: [CraftedLandedBlock.Transaction] = [],
        extraClaim: Int64 = 0, format: LandedBlock.Format = .verbosity3
    ) -> CraftedLandedBlock {
        let parent = parent ?? firstBlock
        let height = parent.height + 1
        var block = CraftedLandedBlock(
            height: height, previousHash: parent.hash, seed: seed, transactions: [], format: format)
        block.transactions = Self.withCoinbase(seed, transfers: transfers, claiming: rules.subsidy(atHeight: height) + extraClaim)
        return block
    }

    /// A transfer spending `coins` and paying everything but `fee` to one new address. `overpay` adds to the
    /// payment without changing the fee the node reports (so only our own arithmetic can catch it).
    static func transfer(
        _ seed: String, spending coins: [Coin], fee: Int64 = Self.fee, overpay: Int64 = 0
    ) -> CraftedLandedBlock.Transaction {
        let total = coins.reduce(0) { $0 + $1.output.value }
        return .transfer(
            seed, spending: coins.map(\.input),
            paying: [CraftedLandedBlock.Output(CraftedLandedBlock.address("payee " + seed), total - fee + overpay)],
            fee: overpay == 0 ? fee : nil)
    }

    /// `transfers` after a coinbase paying `claim` plus their fees (inputs' `prevout` values minus outputs)
    /// to one address.
    private static func withCoinbase(
        _ seed: String, transfers: [CraftedLandedBlock.Transaction], claiming claim: Int64
    ) -> [CraftedLandedBlock.Transaction] {
        let fees = transfers.reduce(0) { sum, transfer in
            sum + transfer.inputs.reduce(0) { $0 + ($1.prevout?.value ?? 0) } - transfer.outputs.reduce(0) { $0 + $1.value }
        }
        let coinbase = CraftedLandedBlock.Transaction.coinbase(
            seed, paying: [CraftedLandedBlock.Output(CraftedLandedBlock.address("miner " + seed), claim + fees)])
        return [coinbase] + transfers
    }

    /// The height and hash of `chain.blocks`' tip.
    func chainTip() throws -> (height: Int64, hash: String)? {
        try ChainWriter(connection: connection).tip()
    }

    /// Rows of every chain table at or above `height` (nothing of a refused block or after it may be there).
    func rowsFrom(height: Int64) throws -> Int {
        var count = 0
        for (table, key) in [
            ("chain.blocks", "height"), ("chain.transactions", "block_height"), ("chain.outputs", "block_height"),
            ("chain.inputs", "block_height"), ("chain.address_movements", "block_height"),
            ("chain.block_changes", "height"),
        ] {
            count += try connection.query("SELECT count(*)::bigint FROM \(table) WHERE \(key) >= $1", [height])
                .first?.int(0) ?? 0
        }
        return count
    }

    /// The quarantine entries, oldest first: (hash, height, rule, reason, resolved).
    func quarantine() throws -> [(hash: String, height: Int64, rule: String, reason: String, resolved: Bool)] {
        try connection.query("SELECT hash, height, rule, reason, resolved_at IS NOT NULL FROM etl.quarantine ORDER BY id")
            .map { (try $0.string(0), try $0.int64(1), try $0.string(2), try $0.string(3), try $0.bool(4)) }
    }

    /// Status and error text of the latest copy-raw run in `etl.job_runs`.
    func lastRun() throws -> (status: String, error: String?)? {
        try connection.query("SELECT status, error FROM etl.job_runs WHERE tool = 'copy-raw' ORDER BY id DESC LIMIT 1")
            .first.map { (try $0.string(0), $0.isNull(1) ? nil : try $0.string(1)) }
    }

    /// Switches `rule` on or off in `etl.validation_rules`, as an operator would.
    func set(_ rule: ValidationRule, enabled: Bool) throws {
        let changed = try connection.execute(
            "UPDATE etl.validation_rules SET enabled = $2 WHERE rule = $1", [rule.rawValue, enabled])
        #expect(changed == 1)
    }

    /// Sets `rule`'s parameter in `etl.validation_rules`.
    func set(_ rule: ValidationRule, parameter: Int64?) throws {
        let changed = try connection.execute(
            "UPDATE etl.validation_rules SET parameter = $2 WHERE rule = $1", [rule.rawValue, parameter])
        #expect(changed == 1)
    }
}
