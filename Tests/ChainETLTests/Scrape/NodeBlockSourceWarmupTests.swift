import Logging
import SimNode
import TestSupport
import Testing

@testable import ChainETL

/// A node that restarts while scrape runs answers during its warm-up with -28 in every element of a batch
/// (HTTP 200): the batch is retried like a single call, not taken as the node's final word.
@Suite("NodeBlockSource: a warming-up node's batch answers are retried")
struct NodeBlockSourceWarmupTests {
    private static func source(url: String) throws -> (any BlockSource) {
        let factory = NodeBlockSourceFactory(
            endpoint: try NodeEndpoint(rpcURL: url), chain: .bitcoin, requestTimeout: .seconds(5),
            retryPolicy: QuietScrape.fastRetries, checks: BlockChecks(),
            logger: Logger(label: "warmup") { _ in SwiftLogNoOpLogHandler() })
        return try factory.makeNodeSource()
    }

    @Test("getblockhash in a batch")
    func blockHashes() throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 2, initialBlocks: 10, transactionsPerBlock: 2))
        let url = try node.start()
        defer { node.stop() }
        let source = try Self.source(url: url)
        #expect(try source.bestHeight() == 10)
        node.setFaults(FaultSettings(warmupCalls: 4))  // the node restarts and warms up
        let hashes = try source.blockHashes(in: 0...3)
        #expect((0...3).map { hashes[Int64($0)] } == (0...3).map { node.blockHash(atHeight: $0) })
    }

    @Test("a warm-up that outlasts the retries of getblock verbosity 3 is a failure, not a reason to drop verbosity 3")
    func warmupIsNotARefusalOfVerbosity3() throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 2, initialBlocks: 10, transactionsPerBlock: 2))
        let url = try node.start()
        defer { node.stop() }
        let source = try Self.source(url: url)
        let hash = try #require(node.blockHash(atHeight: 5))
        // Every attempt of the first getblock meets the warm-up; the node is ready just after.
        node.setFaults(FaultSettings(warmupCalls: QuietScrape.fastRetries.maxAttempts))
        let error = try #require(throws: JSONRPCError.self) { try source.block(hash: hash, height: 5) }
        #expect(error.code == .warmingUp)
        #expect(try source.block(hash: hash, height: 5).format == .verbosity3)
    }

    @Test("any batch: a transient element error makes the whole answer retried; a final one is left to the caller")
    func transientElements() throws {
        func error(_ code: JSONRPCError.Code) -> JSONRPCError {
            JSONRPCError(code: code, message: "m", method: "getrawtransaction", url: "http://127.0.0.1:1")
        }
        let warming: [Result<Int, JSONRPCError>] = [.success(1), .failure(error(.warmingUp))]
        #expect(throws: error(.warmingUp)) { try NodeBlockSource.retryingTransientElements(warming) }
        let final: [Result<Int, JSONRPCError>] = [.success(1), .failure(error(.notFound))]
        #expect(try NodeBlockSource.retryingTransientElements(final).count == 2)
    }
}
