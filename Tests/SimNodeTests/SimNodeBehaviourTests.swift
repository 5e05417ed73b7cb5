import ChainETL
import Foundation
import SimNode
import Testing

/// Reorganizations, dialects, faults, batches and authentication.
@Suite struct SimNodeBehaviourTests {
    private func makeNode(_ dialect: RPCDialect = .modern, blocks: Int = 110, seed: UInt64 = 3) -> SimNodeTestClient {
        SimNodeTestClient(node: SimNode(configuration: SimNodeConfiguration(
            seed: seed, initialBlocks: blocks, transactionsPerBlock: 6, dialect: dialect)))
    }

    @Test func reorgReplacesExactlyTheTopBlocks() throws {
        let client = makeNode()
        let before = (0...110).map { client.node.blockHash(atHeight: $0)! }
        let newHashes = try #require(try client.call("simnode_reorg", "[3,5]") as? [String])
        #expect(newHashes.count == 5 && client.node.blockCount == 112)
        for height in 0...107 { #expect(client.node.blockHash(atHeight: height) == before[height]) }
        for old in before[108...] {
            let block = try #require(try client.call("getblock", #"["\#(old)",1]"#) as? [String: Any])
            #expect(block["confirmations"] as? Int == -1)
            #expect(!newHashes.contains(old))
        }
        var previous = before[107]
        for (offset, hash) in newHashes.enumerated() {
            let block = try #require(try client.call("getblock", #"["\#(hash)",1]"#) as? [String: Any])
            #expect(block["previousblockhash"] as? String == previous)
            #expect(block["height"] as? Int == 108 + offset)
            #expect(block["confirmations"] as? Int == 5 - offset)
            previous = hash
        }
        let fork = try #require(try client.call("getblock", #"["\#(before[107])",1]"#) as? [String: Any])
        #expect(fork["nextblockhash"] as? String == newHashes[0])
        // The UTXO set was rebuilt for the new branch: it still matches a recount (spot check via total).
        let info = try #require(try client.call("gettxoutsetinfo") as? [String: Any])
        #expect(info["bestblock"] as? String == newHashes.last)
    }

    @Test func modernDialectShapes() throws {
        let client = makeNode()
        let block = try client.block(height: 105, verbosity: 3)
        #expect(block["nTx"] != nil && block["target"] != nil)
        let transactions = try #require(block["tx"] as? [[String: Any]])
        let spend = try #require(transactions.dropFirst().first)
        #expect(spend["fee"] != nil)
        let input = try #require((spend["vin"] as? [[String: Any]])?.first)
        let prevout = try #require(input["prevout"] as? [String: Any])
        #expect(prevout["generated"] is Bool && prevout["height"] is Int && prevout["value"] != nil)
        for output in try #require(spend["vout"] as? [[String: Any]]) {
            let script = try #require(output["scriptPubKey"] as? [String: Any])
            #expect(script["reqSigs"] == nil && script["addresses"] == nil && script["desc"] != nil)
        }
    }

    @Test func legacyDialectShapes() throws {
        let client = makeNode(.legacy, blocks: 130)
        var sawPublicKeyAddress = false
        for height in 100...130 {
            let block = try client.block(height: height, verbosity: 3)  // answered as 2
            for transaction in try #require(block["tx"] as? [[String: Any]]) {
                #expect(transaction["fee"] == nil)
                #expect(try #require(transaction["vin"] as? [[String: Any]]).allSatisfy { $0["prevout"] == nil })
                for output in try #require(transaction["vout"] as? [[String: Any]]) {
                    let script = try #require(output["scriptPubKey"] as? [String: Any])
                    #expect(script["address"] == nil)
                    let type = script["type"] as? String
                    if type == "nulldata" { #expect(script["addresses"] == nil && script["reqSigs"] == nil) }
                    if type == "pubkey" {
                        #expect((script["addresses"] as? [String])?.count == 1 && script["reqSigs"] as? Int == 1)
                        sawPublicKeyAddress = true
                    }
                    if type == "pubkeyhash" { #expect((script["addresses"] as? [String])?.count == 1) }
                }
            }
        }
        #expect(sawPublicKeyAddress)
        let hash = try #require(client.node.blockHash(atHeight: 120))
        let block = try #require(try client.call("getblock", #"["\#(hash)",2]"#) as? [String: Any])
        let txid = try #require((block["tx"] as? [[String: Any]])?.last?["txid"] as? String)
        let raw = try #require(try client.call("getrawtransaction", #"["\#(txid)",true]"#) as? [String: Any])
        #expect(raw["blockhash"] as? String == hash && raw["confirmations"] as? Int == 11 && raw["hex"] != nil)
    }

    @Test func verboseOnlyDialectAcceptsOnlyBooleans() throws {
        let client = makeNode(.verboseOnly)
        let hash = try #require(client.node.blockHash(atHeight: 105))
        let block = try #require(try client.call("getblock", #"["\#(hash)",true]"#) as? [String: Any])
        let txids = try #require(block["tx"] as? [String])
        #expect(!txids.isEmpty)
        #expect(try client.call("getblock", #"["\#(hash)",false]"#) is String)
        let failure = try client.failure("getblock", #"["\#(hash)",2]"#)
        #expect(failure.status == 500 && failure.code == -3)
        let transaction = try #require(try client.call("getrawtransaction", #"["\#(txids[0])",1]"#) as? [String: Any])
        #expect(transaction["txid"] as? String == txids[0] && transaction["blockhash"] as? String == hash)
    }

    @Test func faultsAppearAtRoughlyTheConfiguredRates() throws {
        let client = makeNode(blocks: 5)
        _ = try client.call("simnode_setfaults", #"[{"errorRate":0.2,"dropRate":0.1,"truncateRate":0.1,"slowRate":0.1,"slowSeconds":0.5}]"#)
        var counts: [String: Int] = [:]
        let total = 2_000
        for _ in 0..<total {
            let kind: String
            switch client.request(#"{"method":"getblockcount","id":1}"#) {
            case .dropConnection: kind = "drop"
            case .truncated: kind = "truncate"
            case .delayed(let seconds, _):
                #expect(seconds == 0.5)
                kind = "slow"
            case .respond(let response): kind = response.status == 200 ? "ok" : "error"
            case .hang: kind = "hang"
            }
            counts[kind, default: 0] += 1
        }
        func rate(_ kind: String) -> Double { Double(counts[kind, default: 0]) / Double(total) }
        #expect(abs(rate("error") - 0.2) < 0.04 && abs(rate("drop") - 0.1) < 0.03)
        #expect(abs(rate("truncate") - 0.1) < 0.03 && abs(rate("slow") - 0.1) < 0.03 && abs(rate("ok") - 0.5) < 0.05)
        _ = try client.call("simnode_clearfaults")
        _ = try client.call("simnode_setfaults", #"[{"warmupCalls":3}]"#)
        for _ in 0..<3 { #expect(try client.failure("getblockcount").code == -28) }
        #expect(try client.call("getblockcount") as? Int == 5)
    }

    @Test func batchesAnswerEveryIdAndErrorsMatchBitcoind() throws {
        let client = makeNode(blocks: 3)
        let reply = client.request(#"[{"method":"getblockcount","id":"a"},{"method":"getblockhash","params":[99],"id":2},{"method":"nope","id":null}]"#)
        let response = try #require(SimNodeTestClient.response(of: reply))
        #expect(response.status == 200)
        let answers = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]])
        #expect(answers.count == 3)
        #expect(answers[0]["id"] as? String == "a" && answers[0]["result"] as? Int == 3)
        #expect(answers[1]["id"] as? Int == 2 && (answers[1]["error"] as? [String: Any])?["code"] as? Int == -8)
        #expect(answers[2]["id"] is NSNull && (answers[2]["error"] as? [String: Any])?["code"] as? Int == -32601)
        #expect(try client.failure("nope").status == 404)
        #expect(try client.failure("getblock", #"["00"]"#).code == -8)
        #expect(try client.failure("getblock", #"["\#(String(repeating: "0", count: 64))"]"#).code == -5)
        let parse = try #require(SimNodeTestClient.response(of: client.request("{not json")))
        #expect(parse.status == 500)
    }

    @Test func badCredentialsGet401WithEmptyBody() throws {
        let client = makeNode(blocks: 1)
        let response = try #require(SimNodeTestClient.response(of: client.request(#"{"method":"getblockcount"}"#, password: "wrong")))
        #expect(response.status == 401 && response.body.isEmpty)
    }

    @Test func servesOverLoopbackHTTP() throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 5, initialBlocks: 2, transactionsPerBlock: 1, rpcPassword: "p@ss"))
        let url = try node.start()
        defer { node.stop() }
        #expect(url.hasPrefix("http://simnode:p@ss@127.0.0.1:"))
        let port = try #require(node.port)
        let http = try HTTPClient(HTTPClientConfiguration(
            url: "http://127.0.0.1:\(port)/", credentials: BasicCredentials(user: "simnode", password: "p@ss")))
        let response = try http.post(Array(#"{"method":"getblockcount","id":1}"#.utf8))
        #expect(response.status == 200)
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect(answer["result"] as? Int == 2)
    }
}
