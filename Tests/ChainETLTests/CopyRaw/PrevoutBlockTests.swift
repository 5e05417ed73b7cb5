import ChainETL
import Testing
import TestSupport

/// Mainnet block 279671 as a Core 23+ node answers `getblock <hash> 3` (217 transactions, 1,053 inputs with
/// `prevout`, per-transaction `fee`): the fees copy-raw derives are the node's, and the verbosity-2 path
/// (no `prevout`, spent outputs resolved afterwards) gives the very same rows, purely and in PostgreSQL.
@Suite("copy-raw on verbosity-3 block 279671 and its verbosity-2 twin")
struct PrevoutBlockTests {
    private static let height: Int64 = 279_671

    /// The `result` of the recorded JSON-RPC envelope.
    private static func verbosity3Text() throws -> String {
        let envelope = String(decoding: try FixtureFiles.data("hirosystems+ordhook/getblock_v3_rpc_envelope_block279671.json"), as: UTF8.self)
        return try #require(JSONTextEditing.value(ofMember: "result", in: envelope))
    }

    private static func rows(_ text: String, format: LandedBlock.Format) throws -> (VerboseNodeBlock, BlockRows) {
        let block = try LandedBlockText.verboseBlock(format: format, body: text, transactions: nil, height: height, hash: nil)
        return (block, try BlockRows(block: block, amounts: AmountRules()))
    }

    /// What the verbosity-3 answer says each input spends.
    private static func prevouts(of block: VerboseNodeBlock) throws -> [OutputReference: SpentOutput] {
        var spent: [OutputReference: SpentOutput] = [:]
        for transaction in block.tx where !transaction.isCoinbase {
            for input in transaction.vin {
                let prevout = try #require(input.prevout)
                spent[OutputReference(txid: try #require(input.txid), n: try #require(input.vout))] = SpentOutput(
                    address: prevout.scriptPubKey.reportedAddress, value: try prevout.value.baseUnits(decimals: 8, maximum: nil))
            }
        }
        return spent
    }

    @Test("every fee equals Σ prevout − Σ outputs and the node's own fee; the coinbase claims subsidy + fees")
    func feesFromPrevouts() throws {
        let (block, rows) = try Self.rows(try Self.verbosity3Text(), format: .verbosity3)
        #expect(rows.isFullyResolved)
        #expect(rows.transactions.count == 217)
        #expect(rows.inputs.count == 1_053)
        var checked = 0
        for (row, transaction) in zip(rows.transactions, block.tx) where !transaction.isCoinbase {
            let spent = try transaction.vin.reduce(Int64(0)) { sum, input in
                sum + (try #require(input.prevout).value.baseUnits(decimals: 8, maximum: nil))
            }
            let paid = try transaction.vout.reduce(Int64(0)) { $0 + (try $1.value.baseUnits(decimals: 8, maximum: nil)) }
            #expect(row.inputValue == spent, "tx \(row.txid)")
            #expect(row.fee == spent - paid, "tx \(row.txid)")
            #expect(try row.fee == transaction.fee.map { try $0.baseUnits(decimals: 8, maximum: nil) }, "tx \(row.txid)")
            #expect(row.inputCount == transaction.vin.count)
            checked += 1
        }
        #expect(checked == 216)
        let fees = rows.transactions.reduce(Int64(0)) { $0 + ($1.fee ?? 0) }
        let rules = ValidationRules(parameters: Chain.bitcoin.parameters)
        #expect(rows.transactions[0].outputValue == rules.subsidy(atHeight: Self.height) + fees)
        // The pure rules accept the real block: merkle root of 217 txids, counts, amounts, addresses.
        var validator = BlockValidator(rules: rules, parameters: Chain.bitcoin.parameters)
        let stored = StoredBlock(
            hash: rows.block.hash, height: Self.height, format: .verbosity3, body: [], transactions: nil,
            transactionCount: 217, inputCount: 1_053, outputCount: rows.outputs.count)
        try validator.validate(rows, of: block, stored: stored)
    }

    @Test("the verbosity-2 path, resolved from the spent outputs, gives identical rows", arguments: [
        ["prevout"], ["prevout", "fee"],
    ])
    func verbosity2GivesIdenticalRows(stripped members: [String]) throws {
        let text = try Self.verbosity3Text()
        let (block, expected) = try Self.rows(text, format: .verbosity3)
        let verbosity2Text = members.reduce(text) { JSONTextEditing.removingMembers(named: $1, from: $0) }
        #expect(!verbosity2Text.contains("\"prevout\""))
        let (_, rows) = try Self.rows(verbosity2Text, format: .verbosity2)
        #expect(rows.inputs.allSatisfy { !$0.isResolved })
        #expect(rows.transactions.dropFirst().allSatisfy { $0.fee == nil && $0.inputValue == nil })
        let spent = try Self.prevouts(of: block)
        let own = rows.spendableOutputs
        let resolved = rows.resolvingInputs { own[$0] ?? spent[$0] }
        #expect(resolved == expected)
    }

    @Test("in PostgreSQL: with the spent outputs stored as an earlier block, both paths write identical tables",
          .temporaryDatabase)
    func identicalTables() throws {
        let text = try Self.verbosity3Text()
        let (block, verbosity3) = try Self.rows(text, format: .verbosity3)
        let (_, verbosity2) = try Self.rows(JSONTextEditing.removingMembers(named: "prevout", from: text), format: .verbosity2)
        let earlier = try Self.blockHoldingSpentOutputs(of: block, below: verbosity3)
        let rules = ValidationRules(parameters: Chain.bitcoin.parameters)

        let other = try TestDatabase.create()
        defer { try? other.drop() }
        var snapshots: [ChainSnapshot] = []
        for (database, rows) in [(try TestDatabase.current, verbosity3), (other, verbosity2)] {
            let connection = try database.connect()
            try MigrationRunner(connection: connection, logger: connection.logger)
                .apply([CoreMigrations.track, ChainSchema.track])
            try connection.transaction { connection in
                try ChainWriter(connection: connection).append([earlier], rules: .none(parameters: Chain.bitcoin.parameters))
            }
            try connection.transaction { connection in
                try ChainWriter(connection: connection).append([rows], rules: rules)
            }
            let fees = try connection.query(
                "SELECT fee FROM chain.transactions WHERE block_height = $1 ORDER BY tx_index", [Self.height])
            #expect(try fees.map { try $0.int64(0) } == verbosity3.transactions.map { $0.fee ?? -1 })
            // Every stored spent output is spent by this block, except the ones it spends of itself.
            #expect(try connection.query(
                "SELECT count(*) FROM chain.outputs WHERE block_height = $1 AND spent_height IS DISTINCT FROM $2",
                [Self.height - 1, Self.height]).first?.int(0) == 0)
            snapshots.append(try ChainSnapshot.read(connection))
        }
        #expect(snapshots[0] == snapshots[1])
        #expect(snapshots[0].tables["chain.inputs"]?.count == 1_053)
    }

    /// A synthetic block at the height below holding, as outputs of transactions with the right txids, every
    /// output the block spends from earlier blocks (taken from its `prevout`s), so SQL resolution has them.
    private static func blockHoldingSpentOutputs(of block: VerboseNodeBlock, below rows: BlockRows) throws -> BlockRows {
        let ownTxids = Set(block.tx.map(\.txid))
        var outputsByTxid: [String: [OutputRow]] = [:]
        var order: [String] = []
        for transaction in block.tx where !transaction.isCoinbase {
            for input in transaction.vin {
                let txid = try #require(input.txid)
                guard !ownTxids.contains(txid), let prevout = input.prevout else { continue }
                if outputsByTxid[txid] == nil { order.append(txid) }
                outputsByTxid[txid, default: []].append(OutputRow(
                    blockHeight: height - 1, transactionIndex: 0, n: try #require(input.vout), txid: txid,
                    address: prevout.scriptPubKey.reportedAddress, scriptType: prevout.scriptPubKey.type,
                    value: try prevout.value.baseUnits(decimals: 8, maximum: nil)))
            }
        }
        var earlier = BlockRows(
            block: BlockRow(height: height - 1, hash: try #require(rows.block.previousHash),
                            previousHash: CraftedLandedBlock.fakeHash("before 279670"), time: rows.block.time - 600,
                            size: nil, weight: nil, transactionCount: order.count + 1, difficulty: 1),
            transactions: [TransactionRow(
                blockHeight: height - 1, index: 0, txid: CraftedLandedBlock.fakeHash("coinbase 279670"), isCoinbase: true,
                size: nil, virtualSize: nil, inputCount: 0, outputCount: 0, inputValue: 0, outputValue: 0, fee: 0)],
            outputs: [], inputs: [])
        for (offset, txid) in order.enumerated() {
            let outputs = (outputsByTxid[txid] ?? []).map { output in
                var output = output
                output.transactionIndex = offset + 1
                return output
            }
            let value = outputs.reduce(Int64(0)) { $0 + $1.value }
            earlier.outputs += outputs
            earlier.transactions.append(TransactionRow(
                blockHeight: height - 1, index: offset + 1, txid: txid, isCoinbase: false, size: nil, virtualSize: nil,
                inputCount: 0, outputCount: outputs.count, inputValue: 0, outputValue: value, fee: -value))
        }
        return earlier
    }
}
