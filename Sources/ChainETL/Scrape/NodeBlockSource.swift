public import Logging
import Foundation

/// Fetches blocks from a bitcoind-compatible node over JSON-RPC (Bitcoin Core 0.17 to 30 and forks).
///
/// Asks `getblock <hash> 3`, which Core 23+ answers with each input's spent output and older nodes answer as
/// verbosity 2. Nodes that only know `getblock <hash> true` (old Dogecoin, Bitcoin Cash) get their transactions
/// through one batched `getrawtransaction` per block. Every call is retried on transient failures within the
/// retry policy's budget.
public final class NodeBlockSource: BlockSource {
    private let client: JSONRPCClient
    private let dialect: NodeDialect
    private let checks: BlockChecks
    private let chainParameters: ChainParameters
    private let retryPolicy: RetryPolicy
    private let logger: Logger

    init(
        client: JSONRPCClient, dialect: NodeDialect, checks: BlockChecks, chainParameters: ChainParameters,
        retryPolicy: RetryPolicy, logger: Logger
    ) {
        self.client = client
        self.dialect = dialect
        self.checks = checks
        self.chainParameters = chainParameters
        self.retryPolicy = retryPolicy
        self.logger = logger
    }

    public func bestHeight() throws -> Int64 {
        try retrying(retryPolicy, logger: logger, "getblockcount at \(client.url)") {
            try client.call("getblockcount", as: Int64.self)
        }
    }

    public func blockHashes(in range: ClosedRange<Int64>) throws -> [Int64: String] {
        let heights = Array(range)
        let results = try retrying(retryPolicy, logger: logger, "getblockhash \(range) at \(client.url)") {
            try Self.retryingTransientElements(
                client.batch(heights.map { JSONRPCCall("getblockhash", [.integer($0)]) }, as: String.self))
        }
        var hashes: [Int64: String] = [:]
        for (height, result) in zip(heights, results) {
            hashes[height] = try result.get()
        }
        return hashes
    }

    public func block(hash: String, height: Int64) throws -> LandedBlock {
        if dialect.kind != .txidBlocks {
            do {
                let body = try fetch("getblock", [.string(hash), .integer(3)], height: height)
                dialect.learn(.verboseBlocks)
                return try verboseBlock(body, hash: hash, height: height)
            } catch let error as JSONRPCError
                where dialect.kind != .verboseBlocks && error.code != .notFound && !error.isTransient {
                // `!= .verboseBlocks`, not `== nil`: another worker may have learned `.txidBlocks` while this
                // request was under way, and this refusal is then the expected one, not a failure. A transient
                // error that outlasted the retries (a node still warming up) says nothing about verbosity 3.
                logger.info("the node refused getblock verbosity 3 (\(error.code)); trying getblock with verbose=true")
            }
        }
        let body = try fetch("getblock", [.string(hash), .bool(true)], height: height)
        dialect.learn(.txidBlocks)
        return try txidBlock(body, hash: hash, height: height)
    }

    /// A batch answer as it is, or the first transient error among its elements (a node warming up answers a
    /// batch with HTTP 200 and -28 in every element), thrown so that `retrying` sends the batch again as it
    /// would a single call.
    static func retryingTransientElements<Value>(
        _ results: [Result<Value, JSONRPCError>]
    ) throws(JSONRPCError) -> [Result<Value, JSONRPCError>] {
        for case .failure(let error) in results where error.isTransient { throw error }
        return results
    }

    private func fetch(_ method: String, _ params: [JSONValue], height: Int64) throws -> [UInt8] {
        try retrying(retryPolicy, logger: logger, "\(method) for block \(height) at \(client.url)") {
            try client.rawCall(method, params)
        }
    }

    private func verboseBlock(_ body: [UInt8], hash: String, height: Int64) throws -> LandedBlock {
        let (block, layout) = try NodeAnswer.decodeVerboseBlockWithLayout(from: body, height: height, hash: hash)
        try requireHash(block.hash, requested: hash, height: height)
        let checked = try checks.check(block, height: height)
        // A block without spending inputs reads the same at verbosity 2 and 3, so its label depends on its
        // content alone, never on which blocks another worker happened to fetch first.
        let format: LandedBlock.Format = checked.inputCount == 0 || checked.hasPrevouts ? .verbosity3 : .verbosity2
        return LandedBlock(
            block: checked, format: format,
            body: layout.map { VolatileFields.strippedText(body, layout: $0) } ?? VolatileFields.strippedText(body))
    }

    private func txidBlock(_ body: [UInt8], hash: String, height: Int64) throws -> LandedBlock {
        let header = try NodeAnswer.decode(TxidNodeBlock.self, from: Data(body), height: height, hash: hash)
        try requireHash(header.hash, requested: hash, height: height)
        let calls = header.tx.map { JSONRPCCall("getrawtransaction", [.string($0), .integer(1)]) }
        let answers = try retrying(retryPolicy, logger: logger, "getrawtransaction for block \(height) at \(client.url)") {
            try Self.retryingTransientElements(client.rawBatch(calls))
        }
        var transactions: [NodeTransaction] = []
        var text: [UInt8] = [UInt8(ascii: "[")]
        for (index, answer) in answers.enumerated() {
            let bytes: [UInt8]
            switch answer {
            case .success(let answered):
                bytes = answered
            case .failure(let error) where height == 0 && index == 0 && error.code == .notFound:
                // No node serves the genesis coinbase through getrawtransaction; read it from the raw block.
                bytes = try genesisCoinbase(hash: hash)
            case .failure(let error):
                throw error
            }
            let transaction = try NodeAnswer.decode(NodeTransaction.self, from: Data(bytes), height: height, hash: hash)
            guard transaction.txid == header.tx[index] else {
                throw NodeDataError(height: height, hash: hash, field: "tx[\(index)]",
                                    problem: "getrawtransaction answered txid \(transaction.txid) for \(header.tx[index])")
            }
            transactions.append(transaction)
            if index > 0 { text.append(UInt8(ascii: ",")) }
            text.append(contentsOf: VolatileFields.stripped(bytes))
        }
        text.append(UInt8(ascii: "]"))
        let block = VerboseNodeBlock(
            hash: header.hash, height: header.height, version: header.version, merkleroot: header.merkleroot,
            time: header.time, mediantime: header.mediantime, nonce: header.nonce, bits: header.bits,
            difficulty: header.difficulty, previousblockhash: header.previousblockhash, nTx: header.nTx,
            size: header.size, strippedsize: header.strippedsize, weight: header.weight, tx: transactions)
        let checked = try checks.check(block, height: height)
        return LandedBlock(
            block: checked, format: .txidsWithTransactions,
            body: VolatileFields.strippedText(body),
            transactions: String(decoding: text, as: UTF8.self))
    }

    private func genesisCoinbase(hash: String) throws -> [UInt8] {
        let answer = try fetch("getblock", [.string(hash), .bool(false)], height: 0)
        let hex = try NodeAnswer.decode(String.self, from: Data(answer), height: 0, hash: hash)
        guard let bytes = Hex.decode(hex), let block = try? Block(parsing: bytes), let coinbase = block.transactions.first else {
            throw NodeDataError(height: 0, hash: hash, field: "", problem: "the raw genesis block could not be decoded")
        }
        return RawTransactionAnswer.render(coinbase, parameters: chainParameters)
    }

    private func requireHash(_ answered: String, requested: String, height: Int64) throws(NodeDataError) {
        guard answered == requested else {
            throw NodeDataError(height: height, hash: requested, field: "hash", problem: "the node answered block \(answered)")
        }
    }
}

/// Makes one `NodeBlockSource` per worker, each with its own kept-alive connection, all sharing what was
/// learned about the node's dialect.
public struct NodeBlockSourceFactory: BlockSourceFactory {
    public var endpoint: NodeEndpoint
    public var requestTimeout: Duration
    public var retryPolicy: RetryPolicy
    public var checks: BlockChecks
    public var chain: Chain
    public var logger: Logger
    private let dialect = NodeDialect()

    public init(
        endpoint: NodeEndpoint, chain: Chain, requestTimeout: Duration, retryPolicy: RetryPolicy, checks: BlockChecks,
        logger: Logger
    ) {
        self.endpoint = endpoint
        self.chain = chain
        self.requestTimeout = requestTimeout
        self.retryPolicy = retryPolicy
        self.checks = checks
        self.logger = logger
    }

    public func makeSource() throws -> any BlockSource {
        try makeNodeSource()
    }

    /// A source typed as a node source, for the calling thread's own use.
    public func makeNodeSource() throws -> NodeBlockSource {
        let client = try JSONRPCClient(endpoint: endpoint, requestTimeout: requestTimeout)
        return NodeBlockSource(
            client: client, dialect: dialect, checks: checks, chainParameters: chain.parameters,
            retryPolicy: retryPolicy, logger: logger)
    }
}
