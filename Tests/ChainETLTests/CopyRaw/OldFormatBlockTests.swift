import ChainETL
import Testing
import TestSupport

/// Old-format mainnet blocks 0, 91880 and 200000 (Core 0.21 `getblock 2`: `addresses` arrays, no `fee`, no
/// `prevout`) recorded by coinbase/chainstorage with the outputs their inputs spend: the rows copy-raw derives,
/// landed as format 2 or as format 1, and their inputs resolved from the recorded spent outputs.
@Suite("copy-raw rows of old-format blocks 0, 91880 and 200000 with their spent outputs")
struct OldFormatBlockTests {
    private static let coin: Int64 = 100_000_000

    /// The block's rows with every input resolved: outputs of the block itself first (an input may spend an
    /// earlier transaction of the same block), then the recorded spent outputs.
    private static func resolvedRows(_ recording: ChainstorageRecording, format: LandedBlock.Format = .verbosity2) throws -> BlockRows {
        let rows = try BlockRows(block: try recording.verboseBlock(format: format), amounts: AmountRules())
        let own = rows.spendableOutputs
        let spent = recording.spentOutputs
        return rows.resolvingInputs { own[$0] ?? spent[$0] }
    }

    @Test("format 1 (txids + getrawtransaction answers) and format 2 give identical rows", arguments: [Int64(0), 91_880, 200_000])
    func formatsAgree(height: Int64) throws {
        let recording = try ChainstorageRecording(height: height)
        let fromFormat2 = try BlockRows(block: try recording.verboseBlock(format: .verbosity2), amounts: AmountRules())
        let fromFormat1 = try BlockRows(block: try recording.verboseBlock(format: .txidsWithTransactions), amounts: AmountRules())
        #expect(fromFormat1 == fromFormat2)
        #expect(fromFormat2.block.height == height)
        #expect((fromFormat2.block.previousHash == nil) == (height == 0))
    }

    @Test("every input resolves to the recorded spent output; fees are never negative; the coinbase claims at most subsidy + fees",
          arguments: [Int64(0), 91_880, 200_000])
    func inputsResolve(height: Int64) throws {
        let recording = try ChainstorageRecording(height: height)
        let rows = try Self.resolvedRows(recording)
        #expect(rows.isFullyResolved)
        // One recorded spent output per input, in the same order, naming the same output.
        #expect(rows.inputs.count == recording.spentOutputRecords.count)
        for (input, record) in zip(rows.inputs, recording.spentOutputRecords) {
            #expect(input.transactionIndex == record.transactionIndex && input.n == record.inputIndex)
            #expect(input.spent == record.reference)
            #expect(input.address == record.output.address)
            #expect(input.value == record.output.value)
        }
        for transaction in rows.transactions.dropFirst() {
            let fee = try #require(transaction.fee)
            #expect(fee >= 0, "tx \(transaction.txid)")
            #expect(transaction.inputValue == transaction.outputValue + fee)
        }
        let fees = rows.transactions.reduce(Int64(0)) { $0 + ($1.fee ?? 0) }
        let rules = ValidationRules(parameters: Chain.bitcoin.parameters)
        #expect(rows.transactions[0].outputValue <= rules.subsidy(atHeight: height) + fees)
        // The pure rules accept the real block.
        var validator = BlockValidator(rules: rules, parameters: Chain.bitcoin.parameters)
        let stored = StoredBlock(
            hash: rows.block.hash, height: height, format: .verbosity2, body: [], transactions: nil,
            transactionCount: rows.transactions.count, inputCount: rows.inputs.count, outputCount: rows.outputs.count)
        try validator.validate(rows, of: try recording.verboseBlock(format: .verbosity2), stored: stored)
    }

    @Test("block 0: the genesis coinbase, a P2PK output without address")
    func genesis() throws {
        let rows = try Self.resolvedRows(try ChainstorageRecording(height: 0))
        #expect(rows.block.hash == "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f")
        #expect(rows.transactions.map(\.txid) == ["4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"])
        #expect(rows.transactions[0].isCoinbase && rows.transactions[0].fee == 0 && rows.transactions[0].inputValue == 0)
        #expect(rows.outputs == [OutputRow(
            blockHeight: 0, transactionIndex: 0, n: 0, txid: rows.transactions[0].txid, address: nil, scriptType: "pubkey",
            value: 50 * Self.coin)])
        #expect(rows.inputs.isEmpty)
    }

    @Test("block 91880: the BIP30 duplicate coinbase and one spend resolved to its address and value")
    func duplicateCoinbaseBlock() throws {
        let rows = try Self.resolvedRows(try ChainstorageRecording(height: 91_880))
        #expect(rows.transactions.map(\.txid) == [
            "e3bf3d07d4b0375638d5f1db5255fe07ba2c4cb067cd81b84ee974b6585fb468",
            "bc9423e0a8b3571181d8545c0091600d8fc421c380457c45c1ca8c0698f765b8",
        ])
        #expect(rows.inputs == [InputRow(
            blockHeight: 91_880, transactionIndex: 1, n: 0, txid: "bc9423e0a8b3571181d8545c0091600d8fc421c380457c45c1ca8c0698f765b8",
            spent: OutputReference(txid: "cae24697a15419b1de45c99a41149101c252c2dbd3fd0bbce06ac5809d4547e3", n: 1),
            address: "1HY6LE6Y4JKEXuedGboBGzX58QBacQ2vPp", value: 4_480_000_000)])
        #expect(rows.transactions[1].inputValue == 4_480_000_000)
        #expect(rows.transactions[1].fee == 0)
        #expect(rows.outputs.map(\.address) == [nil, "15BMcDM7Hm4Dynzip5LbaWZ18FP3CemRnK", "1Leep5MQXYXds4hCqmq1Z4YL3v5DMnPMBT"])
        #expect(rows.outputs.map(\.value) == [50 * Self.coin, 1_767_000_000, 2_713_000_000])
    }

    @Test("block 200000: 388 transactions, old `addresses` arrays read as the single address")
    func busyBlock() throws {
        let recording = try ChainstorageRecording(height: 200_000)
        let rows = try Self.resolvedRows(recording)
        #expect(rows.block.hash == "000000000000034a7dedef4a161fa058a2d67a173a90155f3a2fe6fc132e0ebf")
        #expect(rows.transactions.count == 388)
        #expect(rows.transactions[0].outputValue == 5_063_517_500)
        let fees = rows.transactions.reduce(Int64(0)) { $0 + ($1.fee ?? 0) }
        #expect(fees == 63_517_500)  // the miner claimed subsidy + fees exactly
        let first = try #require(rows.inputs.first)
        #expect(first.transactionIndex == 1 && first.n == 0)
        #expect(first.spent == OutputReference(txid: "6e046b9c7683b5887bbde42ec358542ffe9c250306edb2d0cf386394aa96ee10", n: 1))
        #expect(first.address == "1CfD77hupeUvFwBPxZ2fA8iyWmVwQY22oh")
        #expect(first.value == 10_212_000_000)
        // Outputs with an address are exactly the ones whose script has one (P2PKH, P2SH).
        for output in rows.outputs {
            #expect((output.address != nil) == ["pubkeyhash", "scripthash"].contains(output.scriptType), "\(output.txid):\(output.n)")
        }
    }
}
