import ChainETL

/// The JSON-RPC methods: bitcoind's read methods a scraper uses, and the `simnode_*` control calls.
extension SimNode {
    /// Executes one call and returns the JSON text of its `result`.
    func execute(method: String, parameters values: [RequestValue]) throws(RPCError) -> [UInt8] {
        let params = RPCParameters(values: values)
        switch method {
        case "getblockcount":
            return json { $0.integer(withState { $0.chain.height }) }
        case "getbestblockhash":
            return json { $0.hash(withState { $0.chain.tip.hash }) }
        case "getblockhash":
            guard params.has(0) else { throw .usage("getblockhash height") }
            let height = try params.integer(0)
            guard let hash = withState({ $0.chain.hash(atHeight: height) }) else { throw .heightOutOfRange }
            return json { $0.hash(hash) }
        case "getblock":
            guard params.has(0) else { throw .usage("getblock \"blockhash\" ( verbosity )") }
            let hash = try params.hash(0, name: "blockhash").hash
            return try renderBlock(hash: hash, verbosity: try verbosity(params))
        case "getblockheader":
            guard params.has(0) else { throw .usage("getblockheader \"blockhash\" ( verbose )") }
            let hash = try params.hash(0, name: "hash").hash
            let verbose = params.has(1) ? try params.bool(1) : true
            return try renderHeader(hash: hash, verbose: verbose)
        case "getrawtransaction":
            guard params.has(0) else { throw .usage("getrawtransaction \"txid\" ( verbose \"blockhash\" )") }
            let txid = try params.hash(0, name: "parameter 1").hash
            var verbose = false
            if params.has(1) {
                if case .bool(let flag) = params.values[1] { verbose = flag } else { verbose = try params.integer(1) != 0 }
            }
            return try renderTransaction(txid: txid, verbose: verbose)
        case "getblockchaininfo":
            return blockchainInfo()
        case "getnetworkinfo":
            return networkInfo()
        case "gettxoutsetinfo":
            return unspentOutputSetInfo()
        case "simnode_mine":
            let hashes = mine(params.has(0) ? try params.integer(0) : 1)
            return json { writer in writer.beginArray(); for hash in hashes { writer.comma(); writer.string(hash) }; writer.endArray() }
        case "simnode_reorg":
            guard params.has(1) else { throw .usage("simnode_reorg depth newLength") }
            let hashes = reorganize(depth: try params.integer(0), newLength: try params.integer(1))
            return json { writer in writer.beginArray(); for hash in hashes { writer.comma(); writer.string(hash) }; writer.endArray() }
        case "simnode_setfaults":
            setFaults(try faultSettings(params.values.first ?? .null))
            return json { $0.null() }
        case "simnode_clearfaults":
            clearFaults()
            return json { $0.null() }
        case "simnode_prerender":
            guard params.has(2) else { throw .usage("simnode_prerender from to verbosity") }
            let count = prerender(from: try params.integer(0), to: try params.integer(1), verbosity: try params.integer(2))
            return json { $0.integer(count) }
        default:
            throw .methodNotFound
        }
    }

    private func json(_ body: (inout JSONWriter) -> Void) -> [UInt8] {
        var writer = JSONWriter()
        body(&writer)
        return writer.bytes
    }

    /// `getblock`'s second parameter as each dialect's node interpreted it.
    private func verbosity(_ params: RPCParameters) throws(RPCError) -> Int {
        guard params.has(1) else { return 1 }
        let value = params.values[1]
        if case .bool(let flag) = value { return flag ? 1 : 0 }
        if configuration.dialect == .verboseOnly {
            throw RPCError(code: -3, message: "Expected type bool, got \(value.typeName)")
        }
        let level = try params.integer(1)
        switch configuration.dialect {
        case .modern: return min(max(level, 0), 3)
        case .legacy, .verboseOnly: return min(max(level, 0), 2)
        }
    }

    /// The `getblock` result, from the prerender cache when present; `cache` stores it there (prerender).
    func renderBlock(hash: Hash256, verbosity: Int, cache: Bool = false) throws(RPCError) -> [UInt8] {
        let key = RenderKey(hash: hash, verbosity: verbosity)
        let snapshot = withState { node -> (StoredBlock, Int, Hash256?, AddressPool, [UInt8]?, Int)? in
            guard let stored = node.chain.block(hash) else { return nil }
            return (stored, node.chain.confirmations(of: stored), node.chain.nextBlockHash(after: stored), node.chain.pool,
                    node.renderCache[key], node.cacheGeneration)
        }
        guard let (stored, confirmations, next, pool, cached, generation) = snapshot else { throw .blockNotFound }
        if let cached { return cached }
        let renderer = BlockRenderer(parameters: configuration.chain.parameters, dialect: configuration.dialect, pool: pool)
        let result = renderer.block(stored, confirmations: confirmations, next: next,
                                    detail: BlockRenderer.Detail(rawValue: verbosity) ?? .txids)
        if cache {
            withState { node in
                if node.cacheGeneration == generation { node.renderCache[key] = result }
            }
        }
        return result
    }

    private func renderHeader(hash: Hash256, verbose: Bool) throws(RPCError) -> [UInt8] {
        let snapshot = withState { node -> (StoredBlock, Int, Hash256?, AddressPool)? in
            guard let stored = node.chain.block(hash) else { return nil }
            return (stored, node.chain.confirmations(of: stored), node.chain.nextBlockHash(after: stored), node.chain.pool)
        }
        guard let (stored, confirmations, next, pool) = snapshot else { throw .blockNotFound }
        guard verbose else { return json { $0.hex(stored.block.header.serialized) } }
        return BlockRenderer(parameters: configuration.chain.parameters, dialect: configuration.dialect, pool: pool)
            .header(stored, confirmations: confirmations, next: next)
    }

    private func renderTransaction(txid: Hash256, verbose: Bool) throws(RPCError) -> [UInt8] {
        let snapshot = withState { node -> (StoredBlock, Int, Int, AddressPool)? in
            guard let (blockHash, index) = node.chain.transactionIndex[txid], let stored = node.chain.block(blockHash) else { return nil }
            return (stored, index, node.chain.confirmations(of: stored), node.chain.pool)
        }
        guard let (stored, index, confirmations, pool) = snapshot else { throw .transactionNotFound }
        if stored.height == 0 {
            throw RPCError(code: -5, message: "The genesis block coinbase is not considered an ordinary transaction and cannot be retrieved")
        }
        guard verbose else { return json { $0.hex(stored.block.transactions[index].serialized()) } }
        var writer = JSONWriter()
        TransactionRenderer(parameters: configuration.chain.parameters, dialect: configuration.dialect, pool: pool)
            .write(stored, index: index, withPrevouts: false,
                   location: .init(blockHash: stored.hash, confirmations: confirmations, blockTime: stored.block.header.time),
                   to: &writer)
        return writer.bytes
    }
}

