import Testing

@testable import ChainETL

/// What one block adds to the supply, worked out from its rows the way `gettxoutsetinfo` counts it: OP_RETURN
/// outputs never count, the genesis block adds nothing, spent outputs come off, and an input whose value is
/// not known yet leaves it to SQL.
@Suite("BlockRows.supplyChange")
struct BlockSupplyChangeTests {
    private static func rows(
        height: Int64, outputs: [(script: String, value: Int64)], inputs: [Int64?], unspendable: Set<Int> = []
    ) -> BlockRows {
        let txid = String(repeating: "a", count: 64)
        return BlockRows(
            block: BlockRow(
                height: height, hash: String(repeating: "b", count: 64), previousHash: nil, time: 0, size: nil,
                weight: nil, transactionCount: 2, difficulty: 1),
            transactions: [],
            outputs: outputs.enumerated().map { n, output in
                OutputRow(
                    blockHeight: height, transactionIndex: 1, n: n, txid: txid, address: nil, scriptType: output.script,
                    value: output.value, isUnspendable: output.script == "nulldata" || unspendable.contains(n))
            },
            inputs: inputs.enumerated().map { n, value in
                InputRow(
                    blockHeight: height, transactionIndex: 1, n: n, txid: txid,
                    spent: OutputReference(txid: String(repeating: "c", count: 64), n: n), address: nil, value: value)
            })
    }

    @Test("outputs but OP_RETURN ones, minus the outputs spent")
    func outputsMinusSpent() {
        let block = Self.rows(
            height: 7, outputs: [("pubkeyhash", 5_000), ("nulldata", 300), ("pubkey", 2_000)], inputs: [4_000, 1_500])
        #expect(block.supplyChange == 1_500)
    }

    @Test("an unspendable script the node calls nonstandard is left out too, and created supply needs no inputs")
    func unspendableNonstandard() {
        let block = Self.rows(
            height: 9, outputs: [("pubkeyhash", 5_000), ("nonstandard", 700), ("nonstandard", 40)], inputs: [nil],
            unspendable: [1])
        #expect(block.createdSupply == 5_040)
        #expect(block.supplyChange == nil)
        #expect(PreparedBatch([block]).createdSupplies == [5_040])
    }

    @Test("unspendable: a script that begins with OP_RETURN, or is longer than 10,000 bytes (Core's IsUnspendable)")
    func unspendableScripts() {
        for hex in ["6a", "6a04deadbeef", "6aac", "6A51", String(repeating: "51", count: 10_001)] {
            #expect(UnspendableScript.contains(hex: hex), "\(hex.prefix(12))")
        }
        for hex in ["", "6", "51", "a6", "006a", "76a914" + String(repeating: "00", count: 20) + "88ac",
                    String(repeating: "51", count: 10_000)] {
            #expect(!UnspendableScript.contains(hex: hex), "\(hex.prefix(12))")
        }
    }

    @Test("the genesis block adds nothing: its coinbase cannot be spent")
    func genesis() {
        #expect(Self.rows(height: 0, outputs: [("pubkey", 5_000_000_000)], inputs: []).supplyChange == 0)
    }

    @Test("unknown while an input's value is, or when the sum leaves Int64")
    func unknown() {
        #expect(Self.rows(height: 3, outputs: [("pubkeyhash", 10)], inputs: [5, nil]).supplyChange == nil)
        let overflowing = Self.rows(height: 3, outputs: [("pubkeyhash", .max), ("pubkeyhash", 1)], inputs: [])
        #expect(overflowing.supplyChange == nil)
    }

    @Test("a batch has changes only when every block's is known")
    func batch() {
        let known = Self.rows(height: 4, outputs: [("pubkeyhash", 10)], inputs: [])
        let unknown = Self.rows(height: 5, outputs: [("pubkeyhash", 10)], inputs: [nil])
        #expect(PreparedBatch([known]).supplyChanges == [10])
        #expect(PreparedBatch([known, unknown]).supplyChanges == nil)
    }
}
