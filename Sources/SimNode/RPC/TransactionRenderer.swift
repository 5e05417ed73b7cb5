import ChainETL

/// Renders transactions as bitcoind does in `getblock` verbosity 2/3 and verbose `getrawtransaction`.
struct TransactionRenderer {
    let parameters: ChainParameters
    let dialect: RPCDialect
    let pool: AddressPool

    /// Where the transaction sits, for `getrawtransaction`'s extra fields.
    struct Location {
        var blockHash: Hash256
        var confirmations: Int
        var blockTime: UInt32
    }

    /// Writes one transaction object. `withPrevouts` adds `vin[].prevout` (verbosity 3); `location` adds
    /// the `getrawtransaction` fields.
    func write(_ stored: StoredBlock, index: Int, withPrevouts: Bool, location: Location?, to json: inout JSONWriter) {
        let transaction = stored.block.transactions[index]
        let digest = stored.digests[index]
        let scripts = ScriptRenderer(parameters: parameters, dialect: dialect)
        let hexFirst = location != nil && dialect != .modern  // Core before 22 put `hex` first here
        json.beginObject()
        if hexFirst {
            json.key("hex")
            json.hex(transaction.serialized())
        }
        json.key("txid")
        json.hash(digest.txid)
        json.key("hash")
        json.hash(digest.wtxid)
        json.key("version")
        json.integer(Int(transaction.version))
        json.key("size")
        json.integer(digest.size)
        json.key("vsize")
        json.integer(digest.virtualSize)
        json.key("weight")
        json.integer(digest.weight)
        json.key("locktime")
        json.integer(Int(transaction.lockTime))
        json.key("vin")
        json.beginArray()
        for (inputIndex, input) in transaction.inputs.enumerated() {
            json.comma()
            json.beginObject()
            if index == 0 {
                json.key("coinbase")
                json.hex(input.scriptSig)
            } else {
                json.key("txid")
                json.hash(input.previousOutput.txid)
                json.key("vout")
                json.integer(Int(input.previousOutput.index))
                json.key("scriptSig")
                json.beginObject()
                json.key("asm")
                json.string(ScriptAssembly.asm(input.scriptSig, decodeSignatures: true))
                json.key("hex")
                json.hex(input.scriptSig)
                json.endObject()
            }
            if !input.witness.isEmpty {
                json.key("txinwitness")
                json.beginArray()
                for item in input.witness {
                    json.comma()
                    json.hex(item)
                }
                json.endArray()
            }
            if withPrevouts, index > 0 {
                let coin = stored.spentCoins[index][inputIndex]
                json.key("prevout")
                json.beginObject()
                json.key("generated")
                json.bool(coin.isCoinbase)
                json.key("height")
                json.integer(Int(coin.height))
                json.key("value")
                json.amount(coin.value)
                json.key("scriptPubKey")
                scripts.write(pool.keys[Int(coin.key)].scriptPubKey, to: &json)
                json.endObject()
            }
            json.key("sequence")
            json.integer(Int(input.sequence))
            json.endObject()
        }
        json.endArray()
        json.key("vout")
        json.beginArray()
        for (n, output) in transaction.outputs.enumerated() {
            json.comma()
            json.beginObject()
            json.key("value")
            json.amount(output.value)
            json.key("n")
            json.integer(n)
            json.key("scriptPubKey")
            scripts.write(output.scriptPubKey, to: &json)
            json.endObject()
        }
        json.endArray()
        if dialect == .modern, index > 0, location == nil {
            json.key("fee")
            json.amount(stored.fees[index])
        }
        if !hexFirst {
            json.key("hex")
            json.hex(transaction.serialized())
        }
        if let location {
            json.key("blockhash")
            json.hash(location.blockHash)
            json.key("confirmations")
            json.integer(location.confirmations)
            json.key("time")
            json.integer(Int(location.blockTime))
            json.key("blocktime")
            json.integer(Int(location.blockTime))
        }
        json.endObject()
    }
}
