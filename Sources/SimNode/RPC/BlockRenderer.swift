import ChainETL

/// Renders `getblock` and `getblockheader` answers in the dialect's field order.
struct BlockRenderer {
    let parameters: ChainParameters
    let dialect: RPCDialect
    let pool: AddressPool

    /// Transaction detail of a `getblock` answer.
    enum Detail: Int {
        case hex = 0, txids = 1, transactions = 2, transactionsWithPrevouts = 3
    }

    /// The `result` of `getblock`.
    func block(_ stored: StoredBlock, confirmations: Int, next: Hash256?, detail: Detail) -> [UInt8] {
        if detail == .hex {
            var json = JSONWriter(capacity: stored.size * 2 + 2)
            json.hex(stored.block.serialized())
            return json.bytes
        }
        var json = JSONWriter(capacity: detail == .txids ? 1024 + 67 * stored.digests.count : stored.size * 5)
        json.beginObject()
        json.key("hash")
        json.hash(stored.hash)
        json.key("confirmations")
        json.integer(confirmations)
        if dialect == .modern {
            json.key("height")
            json.integer(stored.height)
            writeHeaderFields(stored, to: &json)
            writeChainFields(stored, next: next, to: &json)
            writeSizes(stored, to: &json)
            writeTransactions(stored, detail: detail, to: &json)
        } else {
            writeSizes(stored, to: &json)
            json.key("height")
            json.integer(stored.height)
            writeVersionAndMerkleRoot(stored, to: &json)
            writeTransactions(stored, detail: detail, to: &json)
            writeTimeFields(stored, to: &json)
            writeChainFields(stored, next: next, to: &json)
        }
        json.endObject()
        return json.bytes
    }

    /// The verbose `result` of `getblockheader`.
    func header(_ stored: StoredBlock, confirmations: Int, next: Hash256?) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("hash")
        json.hash(stored.hash)
        json.key("confirmations")
        json.integer(confirmations)
        json.key("height")
        json.integer(stored.height)
        writeHeaderFields(stored, to: &json)
        writeChainFields(stored, next: next, to: &json)
        json.endObject()
        return json.bytes
    }

    private func versionHex(_ stored: StoredBlock) -> String {
        let hex = String(UInt32(bitPattern: stored.block.header.version), radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    private func writeHeaderFields(_ stored: StoredBlock, to json: inout JSONWriter) {
        writeVersionAndMerkleRoot(stored, to: &json)
        writeTimeFields(stored, to: &json)
    }

    /// `version`, `versionHex`, `merkleroot`: written together by every dialect, in different places.
    private func writeVersionAndMerkleRoot(_ stored: StoredBlock, to json: inout JSONWriter) {
        json.key("version")
        json.integer(Int(stored.block.header.version))
        json.key("versionHex")
        json.string(versionHex(stored))
        json.key("merkleroot")
        json.hash(stored.block.header.merkleRoot)
    }

    private func writeTimeFields(_ stored: StoredBlock, to json: inout JSONWriter) {
        let header = stored.block.header
        let bits = String(header.bits, radix: 16)
        json.key("time")
        json.integer(Int(header.time))
        json.key("mediantime")
        json.integer(Int(stored.medianTimePast))
        json.key("nonce")
        json.integer(Int(header.nonce))
        json.key("bits")
        json.string(String(repeating: "0", count: 8 - bits.count) + bits)
        if dialect == .modern, let target = CompactTarget(bits: header.bits).target {
            json.key("target")
            json.string(target.hex)
        }
        json.key("difficulty")
        json.double(CompactTarget(bits: header.bits).difficulty)
    }

    private func writeChainFields(_ stored: StoredBlock, next: Hash256?, to json: inout JSONWriter) {
        json.key("chainwork")
        json.string(stored.chainwork.hex)
        if dialect != .verboseOnly {
            json.key("nTx")
            json.integer(stored.digests.count)
        }
        if stored.height > 0 {
            json.key("previousblockhash")
            json.hash(stored.block.header.previousBlockHash)
        }
        if let next {
            json.key("nextblockhash")
            json.hash(next)
        }
    }

    private func writeSizes(_ stored: StoredBlock, to json: inout JSONWriter) {
        json.key("strippedsize")
        json.integer(stored.strippedSize)
        json.key("size")
        json.integer(stored.size)
        json.key("weight")
        json.integer(stored.weight)
    }

    private func writeTransactions(_ stored: StoredBlock, detail: Detail, to json: inout JSONWriter) {
        json.key("tx")
        json.beginArray()
        let renderer = TransactionRenderer(parameters: parameters, dialect: dialect, pool: pool)
        for index in stored.digests.indices {
            json.comma()
            if detail == .txids {
                json.hash(stored.digests[index].txid)
            } else {
                renderer.write(stored, index: index, withPrevouts: detail == .transactionsWithPrevouts, location: nil, to: &json)
            }
        }
        json.endArray()
    }
}
