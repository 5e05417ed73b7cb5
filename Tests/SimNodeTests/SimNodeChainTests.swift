import ChainETL
import Foundation
import SimNode
import Testing

/// The simulated chain is real Bitcoin data: real serializations and hashes, balanced amounts, valid
/// addresses, a UTXO total that matches the blocks, deterministic from its seed.
@Suite struct SimNodeChainTests {
    static let node = SimNode(configuration: SimNodeConfiguration(seed: 42, initialBlocks: 130, transactionsPerBlock: 25))
    let client = SimNodeTestClient(node: SimNodeChainTests.node)

    @Test func rawBlocksHashAndDecodeToTheVerboseAnswer() throws {
        for height in [0, 1, 101, 115, 130] {
            let verbose = try client.block(height: height, verbosity: 2)
            let hash = try #require(verbose["hash"] as? String)
            let hex = try #require(try client.call("getblock", #"["\#(hash)",0]"#) as? String)
            let rawBlock = try #require(Hex.decode(hex))
            let block = try Block(parsing: rawBlock)
            let headerHex = try #require(try client.call("getblockheader", #"["\#(hash)",false]"#) as? String)
            let header = try #require(Hex.decode(headerHex))
            #expect(IndependentAddressCheck.sha256(IndependentAddressCheck.sha256(header)).reversed().map { String(format: "%02x", $0) }.joined() == hash)
            #expect(block.header.hash.displayHex == hash)
            #expect(block.header.merkleRoot.displayHex == verbose["merkleroot"] as? String)
            #expect(block.computedMerkleRoot == block.header.merkleRoot)
            #expect(Int(block.header.time) == verbose["time"] as? Int)
            #expect(Int(block.header.nonce) == verbose["nonce"] as? Int)
            #expect(Int(block.header.version) == verbose["version"] as? Int)
            #expect(String(format: "%08x", block.header.bits) == verbose["bits"] as? String)
            #expect(block.header.previousBlockHash.displayHex == (verbose["previousblockhash"] as? String ?? Hash256.zero.displayHex))
            let sizes = block.sizes
            #expect(sizes.size == verbose["size"] as? Int && sizes.strippedSize == verbose["strippedsize"] as? Int)
            #expect(sizes.weight == verbose["weight"] as? Int)
            let transactions = try #require(verbose["tx"] as? [[String: Any]])
            #expect(transactions.count == block.transactions.count && verbose["nTx"] as? Int == transactions.count)
            for (transaction, json) in zip(block.transactions, transactions) {
                let raw = transaction.serialized(includingWitness: false)
                let txid = IndependentAddressCheck.sha256(IndependentAddressCheck.sha256(raw)).reversed().map { String(format: "%02x", $0) }.joined()
                #expect(txid == json["txid"] as? String)
                let digest = transaction.digest
                #expect(digest.wtxid.displayHex == json["hash"] as? String)
                #expect(digest.size == json["size"] as? Int && digest.virtualSize == json["vsize"] as? Int && digest.weight == json["weight"] as? Int)
                #expect(Hex.encode(transaction.serialized()) == json["hex"] as? String)
                #expect(Int(transaction.version) == json["version"] as? Int && Int(transaction.lockTime) == json["locktime"] as? Int)
                let vin = try #require(json["vin"] as? [[String: Any]])
                for (input, inputJSON) in zip(transaction.inputs, vin) {
                    #expect((inputJSON["txinwitness"] as? [String] ?? []) == input.witness.map { Hex.encode($0) })
                    #expect(Int(input.sequence) == inputJSON["sequence"] as? Int)
                    if transaction.isCoinbase {
                        #expect(Hex.encode(input.scriptSig) == inputJSON["coinbase"] as? String)
                    } else {
                        #expect(input.previousOutput.txid.displayHex == inputJSON["txid"] as? String)
                        #expect(Int(input.previousOutput.index) == inputJSON["vout"] as? Int)
                        #expect(Hex.encode(input.scriptSig) == (inputJSON["scriptSig"] as? [String: Any])?["hex"] as? String)
                    }
                }
                let vout = try #require(json["vout"] as? [[String: Any]])
                #expect(vout.count == transaction.outputs.count)
                for (n, (output, outputJSON)) in zip(transaction.outputs, vout).enumerated() {
                    #expect(outputJSON["n"] as? Int == n)
                    #expect(SimNodeTestClient.satoshis(outputJSON["value"]) == output.value)
                    let script = try #require(outputJSON["scriptPubKey"] as? [String: Any])
                    #expect(Hex.encode(output.scriptPubKey) == script["hex"] as? String)
                }
            }
        }
    }

    @Test func everyAddressPassesIndependentChecks() throws {
        var seenTypes = Set<String>()
        for height in 0...Self.node.blockCount {
            for transaction in try #require(try client.block(height: height, verbosity: 2)["tx"] as? [[String: Any]]) {
                for output in try #require(transaction["vout"] as? [[String: Any]]) {
                    let script = try #require(output["scriptPubKey"] as? [String: Any])
                    let type = try #require(script["type"] as? String)
                    seenTypes.insert(type)
                    let address = script["address"] as? String
                    switch type {
                    case "pubkeyhash": #expect(address.flatMap(IndependentAddressCheck.base58CheckVersion) == 0x00)
                    case "scripthash": #expect(address.flatMap(IndependentAddressCheck.base58CheckVersion) == 0x05)
                    case "witness_v0_keyhash", "witness_v0_scripthash", "witness_v1_taproot":
                        #expect(address.map { IndependentAddressCheck.isValidSegwit($0, hrp: "bc") } == true, "\(address ?? "nil")")
                    default: #expect(address == nil, "\(type) must have no address")
                    }
                }
            }
        }
        #expect(seenTypes.isSuperset(of: ["pubkeyhash", "scripthash", "witness_v0_keyhash", "witness_v0_scripthash",
                                          "witness_v1_taproot", "nulldata", "pubkey"]), "\(seenTypes)")
    }

    @Test func feesBalanceAndCoinbasePaysSubsidyPlusFees() throws {
        var transfers = 0
        for height in 1...Self.node.blockCount {
            let block = try client.block(height: height, verbosity: 3)
            let transactions = try #require(block["tx"] as? [[String: Any]])
            var fees: Int64 = 0
            for transaction in transactions.dropFirst() {
                let inputs = try #require(transaction["vin"] as? [[String: Any]]).map {
                    SimNodeTestClient.satoshis(($0["prevout"] as? [String: Any])?["value"])
                }.reduce(0, +)
                let outputs = try #require(transaction["vout"] as? [[String: Any]]).map { SimNodeTestClient.satoshis($0["value"]) }.reduce(0, +)
                let fee = SimNodeTestClient.satoshis(transaction["fee"])
                #expect(fee > 0 && inputs - outputs == fee)
                fees += fee
                transfers += 1
            }
            #expect(transactions[0]["fee"] == nil)
            let coinbase = try #require(transactions[0]["vout"] as? [[String: Any]]).map { SimNodeTestClient.satoshis($0["value"]) }.reduce(0, +)
            #expect(coinbase == Chain.bitcoin.parameters.subsidy(atHeight: height) + fees)
        }
        #expect(transfers > 300)
    }

    @Test func unspentOutputTotalMatchesTheBlocks() throws {
        var unspent: [String: Int64] = [:]
        for height in 1...Self.node.blockCount {
            for transaction in try #require(try client.block(height: height, verbosity: 2)["tx"] as? [[String: Any]]) {
                for input in try #require(transaction["vin"] as? [[String: Any]]) where input["coinbase"] == nil {
                    let key = "\(input["txid"] as? String ?? ""):\(input["vout"] as? Int ?? -1)"
                    #expect(unspent.removeValue(forKey: key) != nil, "spends unknown output \(key)")
                }
                for output in try #require(transaction["vout"] as? [[String: Any]]) {
                    guard (output["scriptPubKey"] as? [String: Any])?["type"] as? String != "nulldata" else { continue }
                    unspent["\(transaction["txid"] as? String ?? ""):\(output["n"] as? Int ?? -1)"] = SimNodeTestClient.satoshis(output["value"])
                }
            }
        }
        let info = try #require(try client.call("gettxoutsetinfo") as? [String: Any])
        #expect(SimNodeTestClient.satoshis(info["total_amount"]) == unspent.values.reduce(0, +))
        #expect(info["txouts"] as? Int == unspent.count)
        #expect(info["height"] as? Int == Self.node.blockCount)
    }

    @Test func genesisIsMainnetsAndItsCoinbaseCannotBeFetched() throws {
        #expect(try client.call("getblockhash", "[0]") as? String == "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f")
        let failure = try client.failure("getrawtransaction", #"["4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b",true]"#)
        #expect(failure.code == -5)
        let heights = try (100...101).map { try client.block(height: $0, verbosity: 1) }
        #expect(heights[1]["previousblockhash"] as? String == heights[0]["hash"] as? String)
        #expect(heights[0]["nextblockhash"] as? String == heights[1]["hash"] as? String)
    }

    @Test func sameSeedSameChainOtherSeedOtherChain() {
        let configuration = SimNodeConfiguration(seed: 9, initialBlocks: 105, transactionsPerBlock: 8)
        let first = SimNode(configuration: configuration), second = SimNode(configuration: configuration)
        var other = configuration
        other.seed = 10
        let third = SimNode(configuration: other)
        #expect(first.rawBlock(atHeight: 105) == second.rawBlock(atHeight: 105))
        #expect(first.mine(3) == second.mine(3))
        #expect(first.blockHash(atHeight: 50) != third.blockHash(atHeight: 50))
        #expect(first.blockHash(atHeight: 0) == third.blockHash(atHeight: 0))
    }
}
