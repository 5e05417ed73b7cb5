import ChainETL
import Foundation
import TestSupport
import Testing

/// Real mainnet blocks and transactions: parsing, re-serialization, txids, merkle roots, hashes, sizes
/// and script classification against what real nodes recorded.
@Suite struct RealBlockTests {
    private func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: FixtureFiles.data(path)) as? [String: Any])
    }

    @Test func block951658MatchesTheNodesAnswer() throws {
        let recorded = try json("spesmilo+electrumx/bitcoin_mainnet_951658.json")
        let blockHex = try #require(recorded["block"] as? String)
        let raw = try #require(Hex.decode(blockHex))
        let block = try Block(parsing: raw)
        #expect(block.serialized() == raw)
        #expect(block.header.hash.displayHex == recorded["hash"] as? String)
        #expect(block.header.merkleRoot.displayHex == recorded["merkleroot"] as? String)
        #expect(block.computedMerkleRoot == block.header.merkleRoot)
        #expect(block.header.previousBlockHash.displayHex == recorded["previousblockhash"] as? String)
        #expect(Int(block.header.time) == recorded["time"] as? Int)
        #expect(Int(block.header.nonce) == recorded["nonce"] as? Int)
        #expect(String(block.header.bits, radix: 16) == recorded["bits"] as? String)
        #expect(CompactTarget(bits: block.header.bits).difficulty == recorded["difficulty"] as? Double)
        let sizes = block.sizes
        #expect(sizes.size == recorded["size"] as? Int)
        #expect(sizes.strippedSize == recorded["strippedsize"] as? Int)
        #expect(sizes.weight == recorded["weight"] as? Int)
        #expect(block.transactions.map(\.txid.displayHex) == recorded["tx"] as? [String])
        #expect(block.transactions[0].isCoinbase)
        let coinbase = try #require(recorded["coinbase_tx"] as? [String: Any])
        #expect(Hex.encode(block.transactions[0].inputs[0].scriptSig) == coinbase["coinbase"] as? String)

        // The file's description: P2WPKH, P2TR, P2WSH, P2SH, P2PKH outputs and 211 OP_RETURN outputs.
        var types: [ScriptType: Int] = [:]
        for output in block.transactions.flatMap(\.outputs) {
            let classification = ScriptClassification(script: output.scriptPubKey)
            types[classification.type, default: 0] += 1
            let address = ScriptAddress.address(of: classification, parameters: Chain.bitcoin.parameters)
            switch classification.type {
            case .pubkeyhash: #expect(address?.hasPrefix("1") == true)
            case .scripthash: #expect(address?.hasPrefix("3") == true)
            case .witnessV0KeyHash, .witnessV0ScriptHash: #expect(address?.hasPrefix("bc1q") == true)
            case .witnessV1Taproot: #expect(address?.hasPrefix("bc1p") == true)
            case .nulldata: #expect(address == nil)
            default: break
            }
        }
        #expect(types[.nulldata] == 211)
        for type in [ScriptType.witnessV0KeyHash, .witnessV1Taproot, .witnessV0ScriptHash, .scripthash, .pubkeyhash] {
            #expect(types[type, default: 0] > 0, "no \(type.rawValue) output")
        }
    }

    @Test(arguments: ["block481829.dat", "block370661.dat"])
    func bitcoinjBlocksRoundTripAndHaveValidMerkleRoots(_ name: String) throws {
        let raw = Array(try FixtureFiles.data("bitcoinj+bitcoinj/" + name))
        let block = try Block(parsing: raw)
        #expect(block.serialized() == raw)
        #expect(block.computedMerkleRoot == block.header.merkleRoot)
        #expect(block.sizes.size == raw.count)
        #expect(block.transactions.first?.isCoinbase == true)
        #expect(block.header.hash.displayHex.hasPrefix("0000000000000000"))
        let types = Set(block.transactions.flatMap(\.outputs).map { ScriptClassification(script: $0.scriptPubKey).type })
        if name == "block370661.dat" {
            #expect(types.contains(.multisig) && types.contains(.nulldata))
        } else {
            #expect(block.transactions.contains { $0.hasWitness })
            #expect(block.sizes.weight > block.sizes.size)
            // The segwit commitment in the coinbase equals the one recomputed from the wtxids.
            let commitmentScript = try #require(block.transactions[0].outputs.last(where: {
                $0.scriptPubKey.starts(with: [0x6a, 0x24, 0xaa, 0x21, 0xa9, 0xed])
            })?.scriptPubKey)
            let reserved = try #require(Hash256(bytes: block.transactions[0].inputs[0].witness[0]))
            let wtxids = block.transactions.map { $0.digest.wtxid }
            #expect(Array(commitmentScript[6...]) == MerkleTree.witnessCommitment(wtxids: wtxids, reservedValue: reserved).bytes)
        }
    }

    @Test func multisigOutputsShowOldNodeAddresses() throws {
        let block = try Block(parsing: Array(try FixtureFiles.data("bitcoinj+bitcoinj/block370661.dat")))
        let multisig = try #require(block.transactions.flatMap(\.outputs).first {
            ScriptClassification(script: $0.scriptPubKey).type == .multisig
        })
        let classification = ScriptClassification(script: multisig.scriptPubKey)
        #expect(ScriptAddress.address(of: classification, parameters: Chain.bitcoin.parameters) == nil)
        let legacy = ScriptAddress.legacyAddresses(of: classification, parameters: Chain.bitcoin.parameters)
        #expect(legacy.count == classification.publicKeys.count && legacy.allSatisfy { $0.hasPrefix("1") })
        #expect(ScriptAssembly.asm(multisig.scriptPubKey).hasSuffix("OP_CHECKMULTISIG"))
    }

    @Test(arguments: [
        "P2PKH_9c741de6e17382b7a9113fc811e3558981a35a360e3d1262a6675892c91322ca",
        "P2SH_fd68c8b4478686ca6f5ae4c28eaab055490650dbdaa6c2c8e380a7e075958a21",
        "P2TR_259fc21e63e138136c8f19270a0f7ca10039a66a474f91d23a17896f46e677a7",
        "P2WPKH_5d09d232bfe41c7cb831bf53fc2e4029ab33a99087fd5328a2331b52ff2ebe5b",
        "P2WSH_791bb9d16f7ab05f70a116d18eaf3552faf77b9d5688699a480261424b4f7e53",
    ])
    func singleTransactionsMatchRecordedFields(_ name: String) throws {
        let recorded = try json("zeta-chain+node/chain_8332_tx_raw_result_\(name).json")
        let transactionHex = try #require(recorded["hex"] as? String)
        let raw = try #require(Hex.decode(transactionHex))
        let transaction = try Transaction(parsing: raw)
        #expect(transaction.serialized() == raw)
        let digest = transaction.digest
        #expect(digest.txid.displayHex == recorded["txid"] as? String)
        #expect(digest.wtxid.displayHex == recorded["hash"] as? String)
        #expect(digest.size == recorded["size"] as? Int)
        #expect(digest.virtualSize == recorded["vsize"] as? Int)
        #expect(digest.weight == recorded["weight"] as? Int)
        let outputs = try #require(recorded["vout"] as? [[String: Any]])
        for (output, recordedOutput) in zip(transaction.outputs, outputs) {
            let scriptPubKey = try #require(recordedOutput["scriptPubKey"] as? [String: Any])
            #expect(ScriptClassification(script: output.scriptPubKey).type.rawValue == scriptPubKey["type"] as? String)
            #expect(ScriptAssembly.asm(output.scriptPubKey) == scriptPubKey["asm"] as? String)
            let value = try #require(recordedOutput["value"] as? Double)
            #expect(output.value == Int64((value * 100_000_000).rounded()))
        }
        let inputs = try #require(recorded["vin"] as? [[String: Any]])
        for (input, recordedInput) in zip(transaction.inputs, inputs) {
            #expect(input.previousOutput.txid.displayHex == recordedInput["txid"] as? String)
            #expect((recordedInput["txinwitness"] as? [String] ?? []) == input.witness.map { Hex.encode($0) })
        }
    }

    @Test func scriptSigAssemblyDecodesSighash() {
        let scriptSig = Hex.decode("483045022100cfb5a16834ea0caf9a5905b2dc46d065e8da812604078e771137c673a01b090f0220122a1ae2f4b709c1dc863a305c317a9d346779a6fa69b46581d49912778736e1014104f9caea5fa2795583c8d994cd41d58a519dbed43c88262517e2a3fb3da8b71e434cc89b6007462cd241ded643d56e8eade74c822957595bd46265a27b1469ac7d")!
        #expect(ScriptAssembly.asm(scriptSig, decodeSignatures: true)
            == "3045022100cfb5a16834ea0caf9a5905b2dc46d065e8da812604078e771137c673a01b090f0220122a1ae2f4b709c1dc863a305c317a9d346779a6fa69b46581d49912778736e1[ALL] 04f9caea5fa2795583c8d994cd41d58a519dbed43c88262517e2a3fb3da8b71e434cc89b6007462cd241ded643d56e8eade74c822957595bd46265a27b1469ac7d")
        #expect(ScriptAssembly.asm([0x6a, 0x04, 0xde, 0xad, 0xbe, 0xef]) == "OP_RETURN -1874767326")
    }

    @Test func malformedBytesThrowWithTheField() {
        #expect(throws: BitcoinDecodingError.self) { try Block(parsing: [0x01, 0x02]) }
        #expect(throws: BitcoinDecodingError.self) { try Transaction(parsing: Hex.decode("0100000001")!) }
    }
}
