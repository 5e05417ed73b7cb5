@testable import ChainETL
import Testing
import TestSupport

/// What copy-raw works out for a batch before any SQL: which inputs spend a transaction of the same batch (and
/// which of two BIP30 duplicates), and the ledger in address order.
@Suite("PreparedBatch: spends within the batch and the ledger order")
struct PreparedBatchTests {
    private static func block(
        _ height: Int64, _ transactions: [(txid: String, spends: [String])], address: String = "addr"
    ) -> BlockRows {
        SketchedBlock.rows(height, transactions, address: address)
    }

    private static func place(_ height: Int64, _ index: Int) -> TransactionPlace {
        TransactionPlace(blockHeight: height, index: index)
    }

    @Test("an input is placed on an earlier transaction of its block or of an earlier block of the batch")
    func earlierTransactions() {
        let places = SpendsWithinBatch.places(in: [
            Self.block(10, [("c10", []), ("a", ["old"]), ("b", ["a"])]),
            Self.block(11, [("c11", []), ("d", ["b", "c10", "old2"])]),
        ])
        #expect(places == [[nil, Self.place(10, 1)], [Self.place(10, 2), Self.place(10, 0), nil]])
    }

    @Test("a transaction later in the block, or the spending transaction itself, is not a place to spend")
    func laterTransactionsAreNotPlaces() {
        let places = SpendsWithinBatch.places(in: [
            Self.block(10, [("c10", []), ("a", ["b"]), ("b", ["b"])]),
        ])
        #expect(places == [[nil, nil]])
    }

    @Test("of two transactions with one txid (BIP30), an input spends the latest before it")
    func duplicateTxids() {
        let places = SpendsWithinBatch.places(in: [
            Self.block(10, [("dup", []), ("x", ["dup"])]),
            Self.block(11, [("dup", []), ("y", ["dup"])]),
        ])
        #expect(places == [[Self.place(10, 0)], [Self.place(11, 0)]])
    }

    @Test("a batch with no blocks, or blocks without inputs, places nothing")
    func empty() {
        #expect(SpendsWithinBatch.places(in: []).isEmpty)
        #expect(SpendsWithinBatch.places(in: [Self.block(5, [("c", [])])]) == [[]])
    }

    @Test("a spend within the batch is settled: the input learns the output, the output its spending height")
    func settledSpends() {
        var spender = Self.block(11, [("c11", []), ("d", ["b", "a"])])
        spender.inputs[0].address = "addr"
        spender.inputs[0].value = 10
        let spends = SpendsWithinBatch([Self.block(10, [("c10", []), ("a", ["old"]), ("b", [])]), spender])
        #expect(spends.areRegular)
        let output = SpentOutput(address: "addr", value: 10)
        #expect(spends.spentOutputs == [[nil], [output, output]])
        #expect(spends.spendingHeights == [[nil, 11, 11], [nil, nil]])
    }

    @Test("an output spent twice within the batch makes its spends irregular")
    func doubleSpendWithinBatch() {
        let spends = SpendsWithinBatch([
            Self.block(10, [("c10", []), ("a", [])]),
            Self.block(11, [("c11", []), ("x", ["a"]), ("y", ["a"])]),
        ])
        #expect(!spends.areRegular)
        #expect(spends.spentOutputs[1][0] == SpentOutput(address: "addr", value: 10))
        #expect(spends.spentOutputs[1][1] == nil)
    }

    @Test("an output its transaction does not have, or a prevout that disagrees, makes the spends irregular")
    func irregularSpends() {
        var missing = Self.block(10, [("c10", []), ("a", ["c10"])])
        missing.inputs[0].spent.n = 1
        #expect(!SpendsWithinBatch([missing]).areRegular)

        var disagreeing = Self.block(10, [("c10", []), ("a", ["c10"])])
        disagreeing.inputs[0].address = "addr"
        disagreeing.inputs[0].value = 11
        #expect(!SpendsWithinBatch([disagreeing]).areRegular)
        disagreeing.inputs[0].value = 10
        disagreeing.inputs[0].address = "someone else"
        #expect(!SpendsWithinBatch([disagreeing]).areRegular)
        disagreeing.inputs[0].address = "addr"
        #expect(SpendsWithinBatch([disagreeing]).areRegular)
    }

    @Test("an input spending a transaction outside the batch is neither placed nor settled")
    func spendsOutsideTheBatch() {
        let spends = SpendsWithinBatch([Self.block(10, [("c10", []), ("a", ["old"])])])
        #expect(spends.areRegular)
        #expect(spends.places == [[nil]])
        #expect(spends.spentOutputs == [[nil]])
        #expect(spends.spendingHeights == [[nil, nil]])
    }

    @Test("fully resolved blocks give their ledger in address order; a block without spent values gives none")
    func ledgerInAddressOrder() {
        var first = Self.block(10, [("c10", [])], address: "zed")
        first.outputs.append(OutputRow(
            blockHeight: 10, transactionIndex: 0, n: 1, txid: "c10", address: "amy", scriptType: "pubkeyhash", value: 5))
        let second = Self.block(11, [("c11", [])], address: "kim")
        let prepared = PreparedBatch([first, second])
        #expect(prepared.movements?.map(\.address) == ["amy", "kim", "zed"])
        #expect(prepared.movements?.map(\.received) == [5, 10, 10])

        let unresolved = Self.block(12, [("c12", []), ("t", ["c11"])])
        #expect(PreparedBatch([first, second, unresolved]).movements == nil)
    }

    @Test("cut before a refused block, the batch is prepared as if only the earlier blocks had come")
    func prefix() {
        let batch = PreparedBatch([
            Self.block(10, [("c10", []), ("a", ["c10"])]),
            Self.block(11, [("c11", []), ("b", ["a"])]),
            Self.block(12, [("c12", [])]),
        ])
        let cut = batch.prefix(before: 11)
        #expect(cut.blocks.map(\.block.height) == [10])
        #expect(cut.spendsWithinBatch.places == [[Self.place(10, 0)]])
        #expect(batch.prefix(before: 10).blocks.isEmpty)
    }
}
