@testable import ChainETL
import Testing
import TestSupport

/// The ledger copy-raw works out from a fully resolved block: per transaction, what each address received and
/// sent, the same rows the SQL form would give, however many addresses a transaction touches and in whatever
/// order its rows come.
@Suite("BlockRows.movements: the ledger summed per transaction")
struct BlockLedgerTests {
    private static let txid = String(repeating: "a", count: 64)

    private static func rows(outputs: [(tx: Int, address: String?, value: Int64)],
                             inputs: [(tx: Int, address: String?, value: Int64?)]) -> BlockRows {
        BlockRows(
            block: BlockRow(height: 42, hash: "h42", previousHash: "h41", time: 0, size: nil, weight: nil,
                            transactionCount: 1 + (outputs.map(\.tx).max() ?? 0), difficulty: 1),
            transactions: [],
            outputs: outputs.enumerated().map { n, output in
                OutputRow(blockHeight: 42, transactionIndex: output.tx, n: n, txid: txid, address: output.address,
                          scriptType: "pubkeyhash", value: output.value)
            },
            inputs: inputs.enumerated().map { n, input in
                InputRow(blockHeight: 42, transactionIndex: input.tx, n: n, txid: txid,
                         spent: OutputReference(txid: txid, n: n), address: input.address, value: input.value)
            })
    }

    /// The ledger as the SQL form defines it: one row per transaction and address, sums of what came in and out.
    private static func reference(_ block: BlockRows) -> [String: AddressMovement] {
        var rows: [String: AddressMovement] = [:]
        func add(_ tx: Int, _ address: String, received: Int64, sent: Int64) {
            rows["\(tx) \(address)", default: AddressMovement(
                blockHeight: 42, transactionIndex: tx, address: address, received: 0, sent: 0)].received += received
            rows["\(tx) \(address)"]!.sent += sent
        }
        for output in block.outputs { if let address = output.address { add(output.transactionIndex, address, received: output.value, sent: 0) } }
        for input in block.inputs {
            if let address = input.address, let value = input.value { add(input.transactionIndex, address, received: 0, sent: value) }
        }
        return rows
    }

    private static func keyed(_ movements: [AddressMovement]?) -> [String: AddressMovement]? {
        guard let movements else { return nil }
        return Dictionary(movements.map { ("\($0.transactionIndex) \($0.address)", $0) }) { first, _ in first }
    }

    @Test("an address paid twice and spending in one transaction has one row; outputs without an address none")
    func oneRowPerAddressAndTransaction() {
        let block = Self.rows(
            outputs: [(0, "miner", 50), (1, "bob", 7), (1, "carol", 3), (1, "bob", 2), (1, nil, 1), (2, "bob", 4)],
            inputs: [(1, "bob", 9), (1, "dave", 5), (2, "carol", 4)])
        let movements = block.movements
        #expect(movements?.count == 6)
        #expect(movements?.map(\.transactionIndex) == [0, 1, 1, 1, 2, 2], "rows come in transaction order")
        #expect(Self.keyed(movements) == Self.reference(block))
        #expect(Self.keyed(movements)?["1 bob"] == AddressMovement(
            blockHeight: 42, transactionIndex: 1, address: "bob", received: 9, sent: 9))
    }

    @Test("a transaction touching hundreds of addresses, each several times, sums each address once")
    func manyAddressesInOneTransaction() {
        var generator = SeededGenerator(seed: 7)
        var outputs: [(tx: Int, address: String?, value: Int64)] = [(0, "miner", 50)]
        var inputs: [(tx: Int, address: String?, value: Int64?)] = []
        for tx in 1...3 {
            let addresses = [3, 9, 300][tx - 1]
            for _ in 0..<(addresses * 3) {
                outputs.append((tx, "a\(Int.random(in: 0..<addresses, using: &generator))", Int64.random(in: 1...1_000, using: &generator)))
                inputs.append((tx, "a\(Int.random(in: 0..<addresses, using: &generator))", Int64.random(in: 1...1_000, using: &generator)))
            }
        }
        let block = Self.rows(outputs: outputs, inputs: inputs)
        let movements = block.movements
        #expect(movements?.count == Self.reference(block).count, "no address has two rows in one transaction")
        #expect(Self.keyed(movements) == Self.reference(block))
    }

    @Test("rows put together out of transaction order give the same ledger")
    func rowsOutOfOrder() {
        let ordered = Self.rows(
            outputs: [(0, "miner", 50), (1, "bob", 7), (2, "bob", 2), (2, "carol", 1)],
            inputs: [(1, "carol", 9), (2, "bob", 5)])
        var shuffled = ordered
        shuffled.outputs.reverse()
        shuffled.inputs.reverse()
        #expect(shuffled.movements?.map(\.transactionIndex) == [0, 1, 1, 2, 2])
        #expect(Self.keyed(shuffled.movements) == Self.reference(ordered))
    }

    @Test("an input without its spent value leaves the ledger to SQL")
    func unresolvedInput() {
        let block = Self.rows(outputs: [(0, "miner", 50), (1, "bob", 7)], inputs: [(1, "carol", 9), (1, nil, nil)])
        #expect(block.movements == nil)
    }
}
