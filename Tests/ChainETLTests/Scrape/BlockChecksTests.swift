import ChainETL
import Foundation
import TestSupport
import Testing

@Suite("Checks on block answers")
struct BlockChecksTests {
    private static let modernBlock = "hirosystems+ordhook/getblock_v3_rpc_envelope_block279671.json"

    /// The `result` of the recorded verbosity-3 envelope, as text, so tests can corrupt it precisely.
    private func modernBlockText() throws -> String {
        let text = String(decoding: try FixtureFiles.data(Self.modernBlock), as: UTF8.self)
        let start = try #require(text.range(of: "\"result\":"))
        let end = try #require(text.range(of: "\"error\":", options: .backwards))
        return String(text[start.upperBound..<end.lowerBound]).trimmingCharacters(in: CharacterSet(charactersIn: " \n,"))
    }

    private func check(_ text: String, height: Int64 = 279_671) throws -> CheckedBlock {
        let block = try NodeAnswer.decode(VerboseNodeBlock.self, from: Data(text.utf8), height: height, hash: nil)
        return try BlockChecks().check(block, height: height)
    }

    @Test("The recorded verbosity-3 block passes with its counts")
    func modernBlockPasses() throws {
        let checked = try check(modernBlockText())
        #expect(checked.hash == "0000000000000002fa7d943a10651794a50447c262216df7695da5d624761cbf")
        #expect(checked.transactionCount == 217)
        #expect(checked.inputCount == 1_053)
        #expect(checked.hasPrevouts)
        #expect(checked.previousHash == "000000000000000229c60a4aa36bd4a4f08901e99c210dca88180239dafac89e")
    }

    @Test("Every recorded verbosity-2 bitcoin block passes", arguments: [
        ("bitcoin-etl/bitcoin/block_0", Int64(0)),
        ("bitcoin-etl/bitcoin/block_1", 1),
        ("bitcoin-etl/bitcoin/block_without_transactions", 50_000),
        ("bitcoin-etl/bitcoin/block_with_transactions", 50_001),
    ])
    func oldBlocksPass(folder: String, height: Int64) throws {
        let hash = String(decoding: try FixtureFiles.data("\(folder)/rpc_response_getblockhash_\(height).json"), as: UTF8.self)
            .trimmingCharacters(in: CharacterSet(charactersIn: "\" \n"))
        let file = try #require(try FixtureFiles.files(in: folder, prefix: "rpc_response_getblock_\(hash)").first)
        let block = try NodeAnswer.decode(VerboseNodeBlock.self, from: Data(contentsOf: file), height: height, hash: hash)
        let checked = try BlockChecks().check(block, height: height)
        #expect(checked.hash == hash)
        #expect(checked.hasPrevouts == false)
        #expect((checked.previousHash == nil) == (height == 0))
    }

    /// A corruption of the recorded block: replace the occurrence of `from` nearest to the unique `anchor`
    /// (searching backwards from it when `before`, forwards otherwise), and the field the refusal must name.
    struct Corruption: Sendable, CustomStringConvertible {
        var name: String
        var anchor: String
        var before: Bool
        var from: String
        var to: String
        var field: String
        var description: String { name }
    }

    private static let output = "7c22283a409c8d1afd2bee0b15c213a13eb2826c OP_EQUALVERIFY"
    private static let input = "\"txid\": \"3a91b56138698a62d8061b0096d0f60972bafd83ce5078be3ede49e0639a6310\","

    static let corruptions: [Corruption] = [
        .init(name: "amount with 9 decimals", anchor: output, before: true, from: "\"value\": 0.30000000", to: "\"value\": 0.300000001", field: "tx[1].vout[0].value"),
        .init(name: "negative amount", anchor: output, before: true, from: "\"value\": 0.30000000", to: "\"value\": -0.3", field: "tx[1].vout[0].value"),
        .init(name: "amount as a string", anchor: output, before: true, from: "\"value\": 0.30000000", to: "\"value\": \"0.3\"", field: "tx[1].vout[0].value"),
        .init(name: "output index out of order", anchor: output, before: true, from: "\"n\": 0,", to: "\"n\": 5,", field: "tx[1].vout[0].n"),
        .init(name: "missing scriptPubKey hex", anchor: output, before: false, from: "\"hex\": \"76a9147c22283a409c8d1afd2bee0b15c213a13eb2826c88ac\",", to: "", field: "tx[1].vout[0].scriptPubKey.hex"),
        .init(name: "spent output index missing", anchor: input, before: false, from: "\"vout\": 0,", to: "", field: "tx[1].vin[0].vout"),
        .init(name: "prevout amount with 9 decimals", anchor: input, before: false, from: "\"value\": 1.50000000", to: "\"value\": 1.500000001", field: "tx[1].vin[0].prevout.value"),
        .init(name: "fee with too many decimals", anchor: input, before: false, from: "\"fee\": 0.00100000", to: "\"fee\": 0.001000001", field: "tx[1].fee"),
        .init(name: "height of another block", anchor: "\"height\": 279671,", before: false, from: "\"height\": 279671,", to: "\"height\": 279672,", field: "height"),
        .init(name: "height as a string", anchor: "\"height\": 279671,", before: false, from: "\"height\": 279671,", to: "\"height\": \"279671\",", field: "height"),
        .init(name: "missing previous hash", anchor: "\"previousblockhash\"", before: false, from: "\"previousblockhash\": \"000000000000000229c60a4aa36bd4a4f08901e99c210dca88180239dafac89e\",", to: "", field: "previousblockhash"),
        .init(name: "malformed previous hash", anchor: "\"previousblockhash\"", before: false, from: "\"000000000000000229c6", to: "\"zz0000000000000229c6", field: "previousblockhash"),
        .init(name: "transaction count disagrees", anchor: "\"nTx\": 217,", before: false, from: "\"nTx\": 217,", to: "\"nTx\": 218,", field: "nTx"),
        .init(name: "malformed txid", anchor: input, before: false, from: "\"3a91b561", to: "\"3a91b56", field: "tx[1].vin[0].txid"),
        .init(name: "truncated answer", anchor: "", before: false, from: "", to: "", field: ""),
    ]

    @Test("Corrupted answers are refused naming block and field", arguments: corruptions)
    func refused(corruption: Corruption) throws {
        var text = try modernBlockText()
        if corruption.anchor.isEmpty {
            text = String(text.prefix(text.count / 2))
        } else {
            let anchor = try #require(text.range(of: corruption.anchor), "fixture lacks \(corruption.anchor)")
            let found = corruption.before
                ? text.range(of: corruption.from, options: .backwards, range: text.startIndex..<anchor.upperBound)
                : text.range(of: corruption.from, range: anchor.lowerBound..<text.endIndex)
            let range = try #require(found, "fixture lacks \(corruption.from)")
            text.replaceSubrange(range, with: corruption.to)
        }
        do {
            _ = try check(text)
            Issue.record("\(corruption.name) was accepted")
        } catch let error as NodeDataError {
            #expect(error.height == 279_671)
            #expect(error.field == corruption.field, "\(error.description)")
            #expect(error.description.contains("block 279671"))
        }
    }
}
