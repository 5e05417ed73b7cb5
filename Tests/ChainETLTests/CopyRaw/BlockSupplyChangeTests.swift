import Testing

@testable import ChainETL

/// What one block adds to the supply, worked out from its rows the way `gettxoutsetinfo` counts it: OP_RETURN
/// outputs never count, the genesis block adds nothing, spent outputs come off, and an input whose value is
/// not known yet leaves it to SQL.
@Suite("BlockRows.supplyChange")
struct BlockSupplyChangeTests {
    private static func rows(
        height: Int64, outputs: [(script: String, value: Int64)], inputs: [Int64?]
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
                    value: output.value)
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
