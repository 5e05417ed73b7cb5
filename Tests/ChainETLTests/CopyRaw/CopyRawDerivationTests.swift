import ChainETL
import Testing

/// Paths the 2018 recordings cannot show: verbosity 3 (`prevout`, `fee`), and stored text that must be refused.
@Suite("CopyRaw rows from verbosity 3 and from bad stored text")
struct CopyRawDerivationTests {
    private static let txidA = String(repeating: "a", count: 64)
    private static let txidB = String(repeating: "b", count: 64)
    private static let spentTxid = String(repeating: "c", count: 64)

    /// A verbosity-3 answer: a coinbase, and a spend of two outputs (one P2PKH with an address, one P2PK
    /// that a current node shows without address) paying 0.3 with a fee of `fee`.
    private static func verbosity3Body(fee: String = "0.0001") -> String {
        """
        {"hash":"\(String(repeating: "0", count: 64))","height":7,"version":1,"merkleroot":"\(txidA)",
         "time":1700000000,"nonce":1,"bits":"1d00ffff","difficulty":1.5,
         "previousblockhash":"\(String(repeating: "1", count: 64))","nTx":2,"size":500,"weight":2000,
         "tx":[
          {"txid":"\(txidA)","version":1,"size":100,"vsize":100,"locktime":0,
           "vin":[{"coinbase":"0407","sequence":4294967295}],
           "vout":[{"value":50.0001,"n":0,"scriptPubKey":{"hex":"51","type":"pubkeyhash","address":"1Miner"}}]},
          {"txid":"\(txidB)","version":2,"size":300,"vsize":250,"locktime":0,
           "vin":[
            {"txid":"\(spentTxid)","vout":0,"sequence":1,
             "prevout":{"generated":false,"height":3,"value":0.1,"scriptPubKey":{"hex":"76","type":"pubkeyhash","address":"1Payer"}}},
            {"txid":"\(spentTxid)","vout":5,"sequence":1,
             "prevout":{"generated":true,"height":2,"value":0.2001,"scriptPubKey":{"hex":"ac","type":"pubkey"}}}],
           "vout":[{"value":0.3,"n":0,"scriptPubKey":{"hex":"6a","type":"nulldata"}}],
           "fee":\(fee)}]}
        """
    }

    @Test("prevout gives each input's address and value, so totals and fee need no resolution")
    func prevoutResolvesInputs() throws {
        let block = try LandedBlockText.verboseBlock(
            format: .verbosity3, body: Self.verbosity3Body(), transactions: nil, height: 7, hash: nil)
        let rows = try BlockRows(block: block, amounts: AmountRules())
        #expect(rows.isFullyResolved)
        #expect(rows.block == BlockRow(
            height: 7, hash: String(repeating: "0", count: 64), previousHash: String(repeating: "1", count: 64),
            time: 1_700_000_000, size: 500, weight: 2000, transactionCount: 2, difficulty: 1.5))
        #expect(rows.inputs == [
            InputRow(blockHeight: 7, transactionIndex: 1, n: 0, txid: Self.txidB,
                     spent: OutputReference(txid: Self.spentTxid, n: 0), address: "1Payer", value: 10_000_000),
            InputRow(blockHeight: 7, transactionIndex: 1, n: 1, txid: Self.txidB,
                     spent: OutputReference(txid: Self.spentTxid, n: 5), address: nil, value: 20_010_000),
        ])
        #expect(rows.transactions.map(\.inputValue) == [0, 30_010_000])
        #expect(rows.transactions.map(\.fee) == [0, 10_000])
        #expect(rows.transactions.map(\.inputCount) == [0, 2])
        #expect(rows.outputs.map(\.address) == ["1Miner", nil])
        #expect(rows.outputs.map(\.scriptType) == ["pubkeyhash", "nulldata"])
        #expect(rows.outputs.map(\.value) == [5_000_010_000, 30_000_000])
    }

    @Test("a node fee that disagrees with inputs minus outputs is refused, naming the field")
    func disagreeingFeeIsRefused() throws {
        let block = try LandedBlockText.verboseBlock(
            format: .verbosity3, body: Self.verbosity3Body(fee: "0.0002"), transactions: nil, height: 7, hash: nil)
        let error = try #require(throws: NodeDataError.self) { try BlockRows(block: block, amounts: AmountRules()) }
        #expect(error.field == "tx[1].fee")
    }

    @Test("an amount finer than the chain's base unit is refused, naming the field")
    func tooPreciseAmountIsRefused() throws {
        let body = Self.verbosity3Body().replacingOccurrences(of: "0.3,", with: "0.300000001,")
        let block = try LandedBlockText.verboseBlock(format: .verbosity3, body: body, transactions: nil, height: 7, hash: nil)
        let error = try #require(throws: NodeDataError.self) { try BlockRows(block: block, amounts: AmountRules()) }
        #expect(error.field == "tx[1].vout[0].value")
    }

    @Test("resolution leaves inputs it cannot find unknown, and their transaction's totals with them")
    func partialResolution() throws {
        let body = Self.verbosity3Body()
            .replacingOccurrences(of: #","fee":0.0001"#, with: "")
            .replacingOccurrences(of: #""prevout":{"generated":false,"height":3,"value":0.1,"scriptPubKey":{"hex":"76","type":"pubkeyhash","address":"1Payer"}}"#, with: #""prevout":null"#)
        let block = try LandedBlockText.verboseBlock(format: .verbosity2, body: body, transactions: nil, height: 7, hash: nil)
        let rows = try BlockRows(block: block, amounts: AmountRules())
        #expect(rows.transactions[1].fee == nil)
        let unresolved = rows.resolvingInputs { _ in nil }
        #expect(unresolved.transactions[1].inputValue == nil)
        let resolved = rows.resolvingInputs { reference in
            reference == OutputReference(txid: Self.spentTxid, n: 0) ? SpentOutput(address: "1Payer", value: 10_000_000) : nil
        }
        #expect(resolved.isFullyResolved)
        #expect(resolved.transactions[1].fee == 10_000)
        #expect(resolved.inputs[0].address == "1Payer")
    }

    @Test("a txid-only body whose transactions are missing or out of order is refused")
    func mismatchedTransactionsAreRefused() throws {
        let body = """
            {"hash":"\(String(repeating: "0", count: 64))","height":7,"version":1,"merkleroot":"\(Self.txidA)",
             "time":1700000000,"nonce":1,"bits":"1d00ffff","difficulty":1,"tx":["\(Self.txidA)","\(Self.txidB)"]}
            """
        let coinbase = #"{"txid":"\#(Self.txidA)","version":1,"locktime":0,"vin":[{"coinbase":"00","sequence":0}],"vout":[]}"#
        let spend = #"{"txid":"\#(Self.txidB)","version":1,"locktime":0,"vin":[],"vout":[]}"#
        let missing = try #require(throws: NodeDataError.self) {
            try LandedBlockText.verboseBlock(format: .txidsWithTransactions, body: body, transactions: nil, height: 7, hash: nil)
        }
        #expect(missing.field == "transactions")
        let swapped = try #require(throws: NodeDataError.self) {
            try LandedBlockText.verboseBlock(
                format: .txidsWithTransactions, body: body, transactions: "[\(spend),\(coinbase)]", height: 7, hash: nil)
        }
        #expect(swapped.field == "transactions")
        let block = try LandedBlockText.verboseBlock(
            format: .txidsWithTransactions, body: body, transactions: "[\(coinbase),\(spend)]", height: 7, hash: nil)
        #expect(block.tx.map(\.txid) == [Self.txidA, Self.txidB])
    }
}
