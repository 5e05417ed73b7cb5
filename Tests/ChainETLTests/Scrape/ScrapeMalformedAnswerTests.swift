import ChainETL
import Foundation
import SimNode
import TestSupport
import Testing

/// A node that answers one block wrongly: the block and the field are named, nothing of that block (or after
/// it) is stored, everything before it is, and a later run against a healthy node continues from there.
@Suite("scrape refuses malformed node answers", .temporaryDatabase)
struct ScrapeMalformedAnswerTests {
    /// One way to spoil the answer for the bad block: a regular expression, its replacement, which match to
    /// replace (0-based; the coinbase is transaction 0, so transaction 1's first output is match 1 of a
    /// per-output pattern), and the field the refusal must name (nil: not a data error).
    struct Corruption: Sendable, CustomStringConvertible {
        var name: String
        var pattern: String
        var template: String
        var occurrence: Int
        var field: String?
        var description: String { name }
    }

    static let badHeight: Int64 = 125

    static let corruptions: [Corruption] = [
        .init(name: "amount with 9 decimals", pattern: #"("vout":\[\{"value":)([0-9]+\.[0-9]+)"#, template: "$1$21", occurrence: 1, field: "tx[1].vout[0].value"),
        .init(name: "negative amount", pattern: #"("vout":\[\{"value":)([0-9]+\.[0-9]+)"#, template: "$1-$2", occurrence: 1, field: "tx[1].vout[0].value"),
        .init(name: "amount as a string", pattern: #"("vout":\[\{"value":)([0-9]+\.[0-9]+)"#, template: #"$1"$2""#, occurrence: 1, field: "tx[1].vout[0].value"),
        .init(name: "spent amount negative", pattern: #"("prevout":\{"generated":(true|false),"height":[0-9]+,"value":)"#, template: "$1-", occurrence: 0, field: "tx[1].vin[0].prevout.value"),
        .init(name: "fee with 9 decimals", pattern: #"("fee":)([0-9]+\.[0-9]+)"#, template: "$1$21", occurrence: 0, field: "tx[1].fee"),
        .init(name: "height of another block", pattern: #""height":[0-9]+,"version""#, template: #""height":999,"version""#, occurrence: 0, field: "height"),
        .init(name: "height as a string", pattern: #""height":([0-9]+),"version""#, template: #""height":"$1","version""#, occurrence: 0, field: "height"),
        .init(name: "previous hash missing", pattern: #""previousblockhash":"[0-9a-f]{64}","#, template: "", occurrence: 0, field: "previousblockhash"),
        .init(name: "previous hash of another block", pattern: #""previousblockhash":"[0-9a-f]{64}""#, template: #""previousblockhash":"\#(String(repeating: "ab", count: 32))""#, occurrence: 0, field: "previousblockhash"),
        .init(name: "transaction count disagrees", pattern: #""nTx":[0-9]+"#, template: #""nTx":9999"#, occurrence: 0, field: "nTx"),
        .init(name: "output script hex missing", pattern: #"("vout":\[\{"value":[0-9.]+,"n":0,"scriptPubKey":\{"asm":"[^"]*","desc":"[^"]*",)"hex":"[0-9a-f]*","#, template: "$1", occurrence: 1, field: "tx[1].vout[0].scriptPubKey.hex"),
        .init(name: "output index out of order", pattern: #"("vout":\[\{"value":[0-9.]+,"n":)0"#, template: "$17", occurrence: 1, field: "tx[1].vout[0].n"),
        .init(name: "spent output index missing", pattern: #"("vin":\[\{"txid":"[0-9a-f]{64}",)"vout":[0-9]+,"#, template: "$1", occurrence: 0, field: "tx[1].vin[0].vout"),
        .init(name: "txid not a hash", pattern: #""txid":"[0-9a-f]{64}","hash""#, template: #""txid":"not-a-txid","hash""#, occurrence: 1, field: "tx[1].txid"),
        .init(name: "block hash of another block", pattern: #"^(\{"result":\{"hash":")[0-9a-f]{64}"#, template: "$1\(String(repeating: "cd", count: 32))", occurrence: 0, field: "hash"),
        .init(name: "transactions missing", pattern: #","tx":\[.*\]\}"#, template: "}", occurrence: 0, field: "tx"),
        .init(name: "answer cut short", pattern: #"(,"tx":\[.{200}).*$"#, template: "$1", occurrence: 0, field: nil),
    ]

    @Test("the bad block and the field are named; nothing from it on is stored", arguments: corruptions)
    func refused(corruption: Corruption) throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 5, initialBlocks: 130, transactionsPerBlock: 6))
        let badHash = try #require(node.blockHash(atHeight: Int(Self.badHeight)))
        let regex = try NSRegularExpression(pattern: corruption.pattern, options: [.dotMatchesLineSeparators])
        let applied = Applied()
        let interceptor = InterceptingNode(node: node, rewritingBlock: badHash) { text in
            let matches = regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
            guard corruption.occurrence < matches.count else { return text }
            let match = matches[corruption.occurrence]
            let replacement = regex.replacementString(for: match, in: text, offset: 0, template: corruption.template)
            applied.mark()
            return (text as NSString).replacingCharacters(in: match.range, with: replacement)
        }
        let server = try LoopbackHTTPServer(handler: interceptor)
        defer { server.stop() }
        let database = try TestDatabase.current
        let url = "http://simnode:simnode@127.0.0.1:\(server.port)"
        do {
            try QuietScrape.run(database: database, nodeURL: url) {
                $0.retryPolicy = RetryPolicy(maxAttempts: 2, initialDelay: .milliseconds(1), maxDelay: .milliseconds(1))
            }
            Issue.record("the corrupted answer was accepted")
        } catch let error as NodeDataError {
            #expect(error.height == Self.badHeight)
            #expect(error.field == corruption.field, "\(error)")
            #expect(error.description.contains("block \(Self.badHeight)"))
        } catch let error as any ChainETLError {
            #expect(corruption.field == nil, "expected a data error, got \(type(of: error)): \(error)")
            #expect(error.exitStatus == .failure)
        }
        #expect(applied.count > 0, "the corruption did not match the answer")

        let stored = try LandingZoneSnapshot.read(database)
        let nodeChain = (0...node.blockCount).map { node.blockHash(atHeight: $0)! }
        #expect(stored.bestChain == Array(nodeChain.prefix(Int(Self.badHeight))))
        #expect(stored.blocks.allSatisfy { $0.height < Self.badHeight })
        // Each stored block joined once: the blocks committed before the refusal are not recorded again.
        #expect(stored.events.map(\.change) == Array(repeating: "joined", count: Int(Self.badHeight)))
        #expect(stored.events.map(\.height) == Array(0..<Self.badHeight))

        // The node is fixed: the next run continues from the block it refused.
        let resumed = try QuietScrape.run(database: database, nodeURL: try node.start())
        node.stop()
        #expect(resumed.firstHeight == Self.badHeight)
        #expect(try LandingZoneSnapshot.read(database).bestChain == nodeChain)
    }

    /// Counts how often the corruption was applied (from the server's threads).
    final class Applied: @unchecked Sendable {
        private let lock = NSLock()
        private var applied = 0
        func mark() { lock.withLock { applied += 1 } }
        var count: Int { lock.withLock { applied } }
    }
}
