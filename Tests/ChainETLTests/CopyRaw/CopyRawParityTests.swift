import ChainETL
import Testing

@Suite("CopyRaw rows match bitcoin-etl on its recorded blocks")
struct CopyRawParityTests {
    @Test("Bitcoin blocks whose rows need no input resolution", arguments: [
        "bitcoin/block_0", "bitcoin/block_1", "bitcoin/block_without_transactions",
    ])
    func coinbaseOnly(_ name: String) throws {
        let recorded = try RecordedCase("bitcoin-etl/" + name)
        #expect(recorded.rows.allSatisfy { $0.isFullyResolved })
        ParityCheck.blocks(recorded.rows, recorded.expected)
        ParityCheck.transactions(recorded.rows, recorded.expected, enriched: true)
    }

    @Test("Bitcoin spends from a verbosity-2 answer stay unresolved where bitcoin-etl wrote negative fees")
    func unenrichedSpends() throws {
        let recorded = try RecordedCase("bitcoin-etl/bitcoin/block_with_transactions")
        #expect(recorded.rows.map(\.isFullyResolved) == [false, true])
        #expect(recorded.rows.flatMap(\.inputs).count == 3)
        ParityCheck.blocks(recorded.rows, recorded.expected)
        ParityCheck.transactions(recorded.rows, recorded.expected, enriched: false)
    }

    @Test("Bitcoin spends resolved with the recorded spent outputs give bitcoin-etl's values, totals and fees")
    func enrichedSpends() throws {
        let recorded = try RecordedCase("bitcoin-etl/bitcoin/stream_50001_50002")
        let spent = try recorded.recordedSpentOutputs()
        let resolved = recorded.rows.map { rows in
            let own = rows.spendableOutputs
            return rows.resolvingInputs { own[$0] ?? spent[$0] }
        }
        #expect(resolved.allSatisfy { $0.isFullyResolved })
        ParityCheck.blocks(resolved, recorded.expected)
        ParityCheck.transactions(resolved, recorded.expected, enriched: true)
    }

    @Test("Bitcoin Cash block 91722, BIP30 duplicate coinbase txid, read from getblock true + getrawtransaction")
    func bitcoinCashDuplicateTxid() throws {
        let recorded = try RecordedCase("bitcoin-etl/bitcoin_cash/block_with_duplicate_txid", chain: .bitcoinCash)
        ParityCheck.blocks(recorded.rows, recorded.expected)
        ParityCheck.transactions(recorded.rows, recorded.expected, enriched: true)
        let coinbase = try #require(recorded.rows.first?.transactions.first)
        #expect(coinbase.blockHeight == 91722 && coinbase.index == 0)
    }

    @Test("Dogecoin block 2, a transaction without size, read from getblock true + getrawtransaction")
    func dogecoinWithoutSize() throws {
        let recorded = try RecordedCase("bitcoin-etl/dogecoin/block_without_transactions", chain: .dogecoin)
        ParityCheck.blocks(recorded.rows, recorded.expected)
        ParityCheck.transactions(recorded.rows, recorded.expected, enriched: true)
        #expect(recorded.rows.first?.transactions.first?.size == nil)
    }
}
