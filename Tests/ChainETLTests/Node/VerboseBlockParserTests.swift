@testable import ChainETL
import Foundation
import SimNode
import TestSupport
import Testing

/// The fast block parser must read exactly what `JSONDecoder` reads: same values, or hand the answer to the
/// decoder. These tests compare both on real recordings, on simnode blocks of every dialect, and on valid
/// JSON the fast parser does not take (escapes, exponents, long numbers, non-ASCII, duplicate keys).
@Suite("The fast block parser agrees with JSONDecoder")
struct VerboseBlockParserTests {
    /// Every field the product reads, with amounts in base units, as one comparable text.
    private static func canonical(_ block: VerboseNodeBlock) throws -> String {
        func units(_ amount: NodeAmount) throws -> String { String(try amount.baseUnits(decimals: 8, maximum: nil)) }
        func script(_ script: NodeScriptPubKey) -> String {
            "\(script.hex)/\(script.type)/\(script.address ?? "-")/\(script.addresses?.joined(separator: "+") ?? "-")"
        }
        var lines = ["\(block.hash) \(block.height) \(block.version) \(block.merkleroot) \(block.time) "
            + "\(block.mediantime ?? -1) \(block.nonce) \(block.bits) \(block.difficulty) \(block.previousblockhash ?? "-") "
            + "\(block.nTx ?? -1) \(block.size ?? -1) \(block.strippedsize ?? -1) \(block.weight ?? -1)"]
        for tx in block.tx {
            lines.append("tx \(tx.txid) \(tx.hash ?? "-") \(tx.version) \(tx.size ?? -1) \(tx.vsize ?? -1) "
                + "\(tx.weight ?? -1) \(tx.locktime) fee \(try tx.fee.map(units) ?? "-")")
            for input in tx.vin {
                lines.append(" in \(input.coinbase ?? "-") \(input.txid ?? "-") \(input.vout ?? -1) \(input.sequence) "
                    + "\(try input.prevout.map { "\(try units($0.value)) \(script($0.scriptPubKey)) \($0.height ?? -1) \($0.generated.map(String.init) ?? "-")" } ?? "-")")
            }
            for output in tx.vout {
                lines.append(" out \(output.n) \(try units(output.value)) \(script(output.scriptPubKey))")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func compare(_ bytes: [UInt8], expectFastPath: Bool?) throws {
        let reference = try JSONDecoder().decode(VerboseNodeBlock.self, from: Data(bytes))
        let answered = try NodeAnswer.decodeVerboseBlock(from: bytes, height: reference.height, hash: nil)
        #expect(try canonical(answered) == canonical(reference))
        if let expectFastPath {
            let fast = bytes.withUnsafeBufferPointer { VerboseBlockParser.parse($0) }
            #expect((fast != nil) == expectFastPath)
            if let fast { #expect(try canonical(fast) == canonical(reference)) }
        }
    }

    private static func recordedResult(_ path: String) throws -> [UInt8] {
        let text = String(decoding: try FixtureFiles.data(path), as: UTF8.self)
        guard let start = text.range(of: "\"result\":"), let end = text.range(of: "\"error\":", options: .backwards) else {
            return Array(text.utf8)
        }
        return Array(String(text[start.upperBound..<end.lowerBound]).trimmingCharacters(in: CharacterSet(charactersIn: " \n,")).utf8)
    }

    @Test("recorded node answers read the same", arguments: [
        "hirosystems+ordhook/getblock_v3_rpc_envelope_block279671.json",
        "bitcoin-etl/bitcoin/block_0/rpc_response_getblock_000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f_2.json",
        "bitcoin-etl/bitcoin/block_with_transactions/rpc_response_getblock_000000001c920d495e1eeef2452b6d1c6c229a919b28196c103ecffebabee141_2.json",
        "bitcoin-etl/bitcoin/block_with_transactions/rpc_response_getblock_000000002066d7f9b134c30b5005b7bf5fbfa52f279883f1fde793dcdc964266_2.json",
    ])
    func recorded(path: String) throws {
        try Self.compare(try Self.recordedResult(path), expectFastPath: nil)
    }

    @Test("simnode blocks of every dialect read the same, through the fast path", arguments: [RPCDialect.modern, .legacy])
    func simnode(dialect: RPCDialect) throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 9, initialBlocks: 110, transactionsPerBlock: 30, dialect: dialect))
        for height in [0, 50, 105, 110] {
            let hash = try #require(node.blockHash(atHeight: height))
            let request = #"{"id":1,"method":"getblock","params":["\#(hash)",3]}"#
            guard case .respond(let response) = node.reply(to: HTTPRequest(
                method: "POST", path: "/", headers: ["authorization": "Basic c2ltbm9kZTpzaW1ub2Rl"],
                body: Array(request.utf8))) else {
                Issue.record("simnode did not answer")
                return
            }
            let envelope = String(decoding: response.body, as: UTF8.self)
            let start = try #require(envelope.range(of: "{\"result\":"))
            let end = try #require(envelope.range(of: ",\"error\":", options: .backwards))
            try Self.compare(Array(envelope[start.upperBound..<end.lowerBound].utf8), expectFastPath: true)
        }
    }

    /// Valid JSON the fast parser declines; the answer must still be read exactly like the decoder reads it.
    @Test("valid answers outside the fast parser's subset fall back with the same result", arguments: [
        ("exponent amount", #""value": 0.30000000,"#, #""value": 3e-1,"#),
        ("long integer digits", #""value": 0.30000000,"#, #""value": 0.300000000000000000000000,"#),
        ("escaped string", #""asm": "OP_DUP OP_HASH160 7c22283a"#, #""asm": "OP_DUP \u004fP_HASH160 7c22283a"#),
        ("non-ASCII string", #""asm": "OP_DUP OP_HASH160 7c22283a"#, #""asm": "OP_DUP OP_HASH160 é 7c22283a"#),
        ("duplicate key", #""nTx": 217,"#, #""nTx": 1, "nTx": 217,"#),
    ])
    func fallback(name: String, from: String, to: String) throws {
        var text = String(decoding: try Self.recordedResult("hirosystems+ordhook/getblock_v3_rpc_envelope_block279671.json"), as: UTF8.self)
        let range = try #require(text.range(of: from), "\(name): fixture lacks \(from)")
        text.replaceSubrange(range, with: to)
        let bytes = Array(text.utf8)
        if (try? JSONDecoder().decode(VerboseNodeBlock.self, from: Data(bytes))) != nil {
            try Self.compare(bytes, expectFastPath: nil)
        } else {
            #expect(throws: NodeDataError.self) { try NodeAnswer.decodeVerboseBlock(from: bytes, height: 279_671, hash: nil) }
        }
    }

    @Test("integer amount conversion equals the decimal reference", arguments: [
        "0", "0.00000001", "1e-8", "50.00000000", "20999999.97690000", "92233720368.54775807", "92233720368.54775808",
        "0.000000001", "-1", "123456789012345678901234", "1.5E2", "0.1000000000000000000001",
    ])
    func amounts(text: String) throws {
        struct Wrapped: Decodable { var value: NodeAmount }
        let json = #"{"hash":"\#(String(repeating: "0", count: 64))","height":1,"version":1,"merkleroot":"\#(String(repeating: "0", count: 64))","time":1,"nonce":0,"bits":"1d00ffff","difficulty":1,"tx":[{"txid":"\#(String(repeating: "1", count: 64))","version":1,"locktime":0,"vin":[{"coinbase":"00","sequence":0}],"vout":[{"value":\#(text),"n":0,"scriptPubKey":{"hex":"51","type":"nonstandard"}}]}]}"#
        let reference = try JSONDecoder().decode(Wrapped.self, from: Data(#"{"value":\#(text)}"#.utf8)).value
        let expected = Result { () throws(AmountError) -> Int64 in try BaseUnits.from(reference.value, decimals: 8, maximum: 2_100_000_000_000_000) }
        let block = try NodeAnswer.decodeVerboseBlock(from: Array(json.utf8), height: 1, hash: nil)
        let actual = Result { () throws(AmountError) -> Int64 in try block.tx[0].vout[0].value.baseUnits(decimals: 8, maximum: 2_100_000_000_000_000) }
        #expect(actual == expected, "\(text)")
    }
}
