import ChainETL

/// `getblockchaininfo`, `getnetworkinfo`, `gettxoutsetinfo` and fault-setting parsing.
extension SimNode {
    func blockchainInfo() -> [UInt8] {
        withState { node in
            let tip = node.chain.tip
            var json = JSONWriter()
            json.beginObject()
            json.key("chain")
            json.string(node.chain.parameters.networkName)
            json.key("blocks")
            json.integer(tip.height)
            json.key("headers")
            json.integer(tip.height)
            json.key("bestblockhash")
            json.hash(tip.hash)
            json.key("difficulty")
            json.double(CompactTarget(bits: tip.block.header.bits).difficulty)
            json.key("time")
            json.integer(Int(tip.block.header.time))
            json.key("mediantime")
            json.integer(Int(tip.medianTimePast))
            json.key("verificationprogress")
            json.raw("1")
            json.key("initialblockdownload")
            json.bool(false)
            json.key("chainwork")
            json.string(tip.chainwork.hex)
            json.key("size_on_disk")
            json.integer(node.chain.bestChain.reduce(0) { $0 + (node.chain.block($1)?.size ?? 0) })
            json.key("pruned")
            json.bool(false)
            json.key("warnings")
            json.string("")
            json.endObject()
            return json.bytes
        }
    }

    func networkInfo() -> [UInt8] {
        let (version, subversion): (Int, String) = switch configuration.dialect {
        case .modern: (270_000, "/Satoshi:27.0.0/")
        case .legacy: (210_000, "/Satoshi:0.21.0/")
        case .verboseOnly: (1_140_600, "/Shibetoshi:1.14.6/")
        }
        var json = JSONWriter()
        json.beginObject()
        json.key("version")
        json.integer(version)
        json.key("subversion")
        json.string(subversion)
        json.key("protocolversion")
        json.integer(70016)
        json.key("networkactive")
        json.bool(true)
        json.key("connections")
        json.integer(8)
        json.key("relayfee")
        json.amount(1000)
        json.key("warnings")
        json.string("")
        json.endObject()
        return json.bytes
    }

    /// Counts the UTXO set as Core does: OP_RETURN outputs and the genesis coinbase are never in it.
    func unspentOutputSetInfo() -> [UInt8] {
        withState { node in
            var transactions = Set<Hash256>()
            var bogosize = 0
            for (outpoint, coin) in node.chain.coins.coins {
                transactions.insert(outpoint.txid)
                bogosize += 50 + node.chain.pool.keys[Int(coin.key)].scriptPubKey.count
            }
            var json = JSONWriter()
            json.beginObject()
            json.key("height")
            json.integer(node.chain.height)
            json.key("bestblock")
            json.hash(node.chain.tip.hash)
            json.key("txouts")
            json.integer(node.chain.coins.count)
            json.key("bogosize")
            json.integer(bogosize)
            json.key("total_amount")
            json.amount(node.chain.coins.totalValue)
            json.key("transactions")
            json.integer(transactions.count)
            json.key("disk_size")
            json.integer(bogosize * 6 / 10)
            json.endObject()
            return json.bytes
        }
    }

    func faultSettings(_ value: RequestValue) throws(RPCError) -> FaultSettings {
        guard case .object = value else { throw .typeError(value, expected: "object") }
        func rate(_ name: String, _ fallback: Double) throws(RPCError) -> Double {
            guard let member = value[name], member != .null else { return fallback }
            guard let number = member.double else { throw .typeError(member, expected: "number") }
            return number
        }
        return FaultSettings(
            errorRate: try rate("errorRate", 0), dropRate: try rate("dropRate", 0), truncateRate: try rate("truncateRate", 0),
            slowRate: try rate("slowRate", 0), slowSeconds: try rate("slowSeconds", 1),
            warmupCalls: Int(try rate("warmupCalls", 0)))
    }
}
