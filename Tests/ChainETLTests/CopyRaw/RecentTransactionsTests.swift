@testable import ChainETL
import Testing
import TestSupport

/// The places copy-raw remembers of the transactions it committed lately: the latest of two duplicates, the
/// oldest blocks forgotten first, nothing after a reorg, and a wrong guess never resolves an input wrongly.
@Suite("RecentTransactions")
struct RecentTransactionsTests {
    private static func txid(_ prefix: String, _ rest: Character = "0") -> String {
        prefix + String(repeating: rest, count: 64 - prefix.count)
    }

    private static func batch(_ height: Int64, _ txids: [String]) -> PreparedBatch {
        PreparedBatch([SketchedBlock.rows(height, txids.map { ($0, []) })])
    }

    @Test("a committed transaction's place is remembered by its txid")
    func remembers() {
        var recent = RecentTransactions(capacity: 10)
        recent.remember(Self.batch(7, [Self.txid("aa"), Self.txid("bb")]))
        #expect(recent.place(of: Self.txid("bb")) == TransactionPlace(blockHeight: 7, index: 1))
        #expect(recent.place(of: Self.txid("cc")) == nil)
    }

    @Test("of two transactions with one txid (BIP30) the later is remembered, and outlives the earlier's block")
    func duplicates() {
        var recent = RecentTransactions(capacity: 2)
        recent.remember(Self.batch(1, [Self.txid("dd")]))
        recent.remember(Self.batch(2, [Self.txid("dd")]))
        #expect(recent.place(of: Self.txid("dd")) == TransactionPlace(blockHeight: 2, index: 0))
        recent.remember(Self.batch(3, [Self.txid("ee")]))
        #expect(recent.place(of: Self.txid("dd")) == TransactionPlace(blockHeight: 2, index: 0))
        recent.remember(Self.batch(4, [Self.txid("ff")]))
        #expect(recent.place(of: Self.txid("dd")) == nil)
        #expect(recent.place(of: Self.txid("ff")) == TransactionPlace(blockHeight: 4, index: 0))
    }

    @Test("beyond the capacity the oldest blocks are forgotten first, over many blocks")
    func evictsOldestBlocks() {
        func numbered(_ height: Int) -> String {
            let hex = String(height, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex + String(repeating: "f", count: 48)
        }
        var recent = RecentTransactions(capacity: 3)
        for height in 0..<3_000 { recent.remember(Self.batch(Int64(height), [numbered(height)])) }
        #expect(recent.place(of: numbered(2_999)) == TransactionPlace(blockHeight: 2_999, index: 0))
        #expect(recent.place(of: numbered(2_997)) == TransactionPlace(blockHeight: 2_997, index: 0))
        #expect(recent.place(of: numbered(2_996)) == nil)
        #expect(recent.place(of: numbered(0)) == nil)
    }

    @Test("a reorg forgets everything; a txid that is not hex is never remembered")
    func forgets() {
        var recent = RecentTransactions(capacity: 10)
        recent.remember(Self.batch(5, [Self.txid("aa"), "not-a-txid"]))
        #expect(recent.place(of: "not-a-txid") == nil)
        recent.forgetAll()
        #expect(recent.place(of: Self.txid("aa")) == nil)
        recent.remember(Self.batch(5, [Self.txid("ab")]))
        #expect(recent.place(of: Self.txid("ab")) == TransactionPlace(blockHeight: 5, index: 0))
    }
}

/// The writer trusts no remembered place: it compares the txid of the output it reads there.
@Suite("RecentTransactions in the writer", .temporaryDatabase)
struct RecentTransactionsWriterTests {
    @Test(
        "a remembered place of another txid with the same first 16 digits falls back to the txid index",
        arguments: [false, true])
    func collidingPrefix(withPrevout: Bool) throws {
        let connection = try TestDatabase.current.connect()
        _ = try CraftedChain(connection: connection)
        let spent = String(repeating: "a", count: 63) + "1"
        let lookalike = String(repeating: "a", count: 63) + "2"
        let first = PreparedBatch([
            SketchedBlock.rows(0, [(spent, [])]),
            SketchedBlock.rows(1, [(lookalike, [])]),
        ])
        var recent = RecentTransactions()
        let rules = ValidationRules.none(parameters: Chain.bitcoin.parameters)
        try connection.transaction { try ChainWriter(connection: $0).append(first, rules: rules, recent: recent) }
        recent.remember(first)
        #expect(recent.place(of: spent) == TransactionPlace(blockHeight: 1, index: 0))

        var spender = SketchedBlock.rows(2, [
            ("c2" + String(repeating: "0", count: 62), []), ("e" + String(repeating: "0", count: 63), [spent]),
        ])
        if withPrevout {
            // Copied straight into chain.inputs at the remembered place, which the check then declines.
            spender.inputs[0].address = "addr"
            spender.inputs[0].value = 10
            spender.transactions[1].inputValue = 10
            spender.transactions[1].fee = 0
        }
        let route = try connection.transaction {
            try ChainWriter(connection: $0).append(PreparedBatch([spender]), rules: rules, recent: recent)
        }
        #expect(route == (withPrevout ? .staging : .knownPlaces))
        let input = try connection.query("SELECT spent_block_height, spent_tx_index, value FROM chain.inputs")
        #expect(input.count == 1)
        #expect(try input[0].int64(0) == 0)
        #expect(try input[0].int64(2) == 10)
        let spentHeights = try connection.query("SELECT block_height, spent_height FROM chain.outputs ORDER BY block_height")
            .map { "\(try $0.int64(0)) \($0.isNull(1) ? "unspent" : String(try $0.int64(1)))" }
        #expect(spentHeights == ["0 2", "1 unspent", "2 unspent", "2 unspent"])
    }
}
