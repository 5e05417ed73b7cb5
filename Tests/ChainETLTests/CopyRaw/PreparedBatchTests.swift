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
        #expect(cut.placesWithinBatch == [[Self.place(10, 0)]])
        #expect(batch.prefix(before: 10).blocks.isEmpty)
    }
}
