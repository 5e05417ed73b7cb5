import Foundation

/// Reads a `getblock <hash> 2|3` answer into `VerboseNodeBlock` straight from the response bytes, in one pass,
/// with amounts kept as integer digits.
///
/// Measured on mainnet-shaped blocks (2,500 transactions, 8.8 MB): `JSONDecoder` plus `Decimal` amounts took
/// about four fifths of scrape's CPU time. This parser returns nil whenever the answer leaves the plain subset of
/// JSON that nodes write (see `StrictJSONCursor`) or misses a field; `NodeAnswer` then decodes it with
/// `JSONDecoder`, so odd but valid answers still decode and bad answers still get the decoder's exact message.
enum VerboseBlockParser {
    /// The block, or nil when the answer must be decoded with `JSONDecoder`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> VerboseNodeBlock? {
        parseWithLayout(bytes)?.block
    }

    /// The block and where its top-level members are, so `VolatileFields` can strip without scanning again.
    static func parseWithLayout(_ bytes: UnsafeBufferPointer<UInt8>) -> (block: VerboseNodeBlock, layout: JSONObjectLayout)? {
        var cursor = StrictJSONCursor(bytes)
        var layout = JSONObjectLayout()
        do {
            let block = try parseBlock(&cursor, layout: &layout)
            try cursor.end()
            return (block, layout)
        } catch {
            return nil
        }
    }

    typealias Unsupported = StrictJSONCursor.Unsupported

    /// Marks a member as read, refusing a second occurrence (which `JSONDecoder` resolves its own way).
    private static func first(_ bit: Int, _ seen: inout UInt32) throws(Unsupported) {
        guard seen & (1 << bit) == 0 else { throw Unsupported() }
        seen |= 1 << bit
    }

    private static func required<T>(_ value: T?) throws(Unsupported) -> T {
        guard let value else { throw Unsupported() }
        return value
    }

    private static func parseBlock(_ cursor: inout StrictJSONCursor, layout: inout JSONObjectLayout) throws(Unsupported) -> VerboseNodeBlock {
        var hash: String?, merkleroot: String?, bits: String?, previous: String?
        var height: Int64?, version: Int64?, time: Int64?, mediantime: Int64?
        var nonce: UInt32?, difficulty: Double?
        var nTx: Int?, size: Int?, strippedsize: Int?, weight: Int?
        var transactions: [NodeTransaction]?
        var seen: UInt32 = 0
        layout.openBrace = try cursor.offsetOfNextValue()
        try cursor.object { cursor, key throws(Unsupported) in
            defer { layout.members.append((key: cursor.offset(of: key), end: cursor.index)) }
            if key.spells("hash") { try first(0, &seen); hash = try cursor.string() }
            else if key.spells("height") { try first(1, &seen); height = try cursor.integer() }
            else if key.spells("version") { try first(2, &seen); version = try cursor.integer() }
            else if key.spells("merkleroot") { try first(3, &seen); merkleroot = try cursor.string() }
            else if key.spells("time") { try first(4, &seen); time = try cursor.integer() }
            else if key.spells("mediantime") { try first(5, &seen); mediantime = try cursor.null() ? nil : try cursor.integer() }
            else if key.spells("nonce") { try first(6, &seen); nonce = try cursor.integer() }
            else if key.spells("bits") { try first(7, &seen); bits = try cursor.string() }
            else if key.spells("difficulty") { try first(8, &seen); difficulty = try cursor.double() }
            else if key.spells("previousblockhash") { try first(9, &seen); previous = try cursor.null() ? nil : try cursor.string() }
            else if key.spells("nTx") { try first(10, &seen); nTx = try cursor.null() ? nil : try cursor.integer() }
            else if key.spells("size") { try first(11, &seen); size = try cursor.null() ? nil : try cursor.integer() }
            else if key.spells("strippedsize") { try first(12, &seen); strippedsize = try cursor.null() ? nil : try cursor.integer() }
            else if key.spells("weight") { try first(13, &seen); weight = try cursor.null() ? nil : try cursor.integer() }
            else if key.spells("tx") {
                try first(14, &seen)
                var list: [NodeTransaction] = []
                list.reserveCapacity(nTx ?? 16)
                try cursor.array { cursor throws(Unsupported) in list.append(try parseTransaction(&cursor)) }
                transactions = list
            } else {
                try cursor.skipValue()
            }
        }
        layout.closeBrace = cursor.index - 1
        return VerboseNodeBlock(
            hash: try required(hash), height: try required(height), version: try required(version),
            merkleroot: try required(merkleroot), time: try required(time), mediantime: mediantime,
            nonce: try required(nonce), bits: try required(bits), difficulty: try required(difficulty),
            previousblockhash: previous, nTx: nTx, size: size, strippedsize: strippedsize, weight: weight,
            tx: try required(transactions))
    }

    private static func parseTransaction(_ cursor: inout StrictJSONCursor) throws(Unsupported) -> NodeTransaction {
        var txid: String?, hash: String?
        var version: Int64?, locktime: Int64?
        var size: Int?, vsize: Int?, weight: Int?
        var inputs: [NodeInput]?, outputs: [NodeOutput]?
        var fee: NodeAmount?
        var seen: UInt32 = 0
        try cursor.object { cursor, key throws(Unsupported) in
            if key.spells("txid") { try first(0, &seen); txid = try cursor.string() }
            else if key.spells("hash") { try first(1, &seen); hash = try cursor.null() ? nil : try cursor.string() }
            else if key.spells("version") { try first(2, &seen); version = try cursor.integer() }
            else if key.spells("size") { try first(3, &seen); size = try cursor.null() ? nil : try cursor.integer() }
            else if key.spells("vsize") { try first(4, &seen); vsize = try cursor.null() ? nil : try cursor.integer() }
            else if key.spells("weight") { try first(5, &seen); weight = try cursor.null() ? nil : try cursor.integer() }
            else if key.spells("locktime") { try first(6, &seen); locktime = try cursor.integer() }
            else if key.spells("vin") {
                try first(7, &seen)
                var list: [NodeInput] = []
                try cursor.array { cursor throws(Unsupported) in list.append(try parseInput(&cursor)) }
                inputs = list
            } else if key.spells("vout") {
                try first(8, &seen)
                var list: [NodeOutput] = []
                try cursor.array { cursor throws(Unsupported) in list.append(try parseOutput(&cursor)) }
                outputs = list
            } else if key.spells("fee") { try first(9, &seen); fee = try cursor.null() ? nil : try cursor.amount() }
            else { try cursor.skipValue() }
        }
        return NodeTransaction(
            txid: try required(txid), hash: hash, version: try required(version), size: size, vsize: vsize,
            weight: weight, locktime: try required(locktime), vin: try required(inputs), vout: try required(outputs),
            fee: fee)
    }

    private static func parseInput(_ cursor: inout StrictJSONCursor) throws(Unsupported) -> NodeInput {
        var coinbase: String?, txid: String?
        var vout: Int?, sequence: UInt32?
        var prevout: NodePrevout?
        var seen: UInt32 = 0
        try cursor.object { cursor, key throws(Unsupported) in
            if key.spells("coinbase") { try first(0, &seen); coinbase = try cursor.null() ? nil : try cursor.string() }
            else if key.spells("txid") { try first(1, &seen); txid = try cursor.null() ? nil : try cursor.string() }
            else if key.spells("vout") { try first(2, &seen); vout = try cursor.null() ? nil : try cursor.integer() }
            else if key.spells("sequence") { try first(3, &seen); sequence = try cursor.integer() }
            else if key.spells("prevout") { try first(4, &seen); prevout = try cursor.null() ? nil : try parsePrevout(&cursor) }
            else { try cursor.skipValue() }
        }
        return NodeInput(coinbase: coinbase, txid: txid, vout: vout, sequence: try required(sequence), prevout: prevout)
    }

    private static func parsePrevout(_ cursor: inout StrictJSONCursor) throws(Unsupported) -> NodePrevout {
        var value: NodeAmount?, script: NodeScriptPubKey?
        var height: Int64?, generated: Bool?
        var seen: UInt32 = 0
        try cursor.object { cursor, key throws(Unsupported) in
            if key.spells("value") { try first(0, &seen); value = try cursor.amount() }
            else if key.spells("scriptPubKey") { try first(1, &seen); script = try parseScript(&cursor) }
            else if key.spells("height") { try first(2, &seen); height = try cursor.null() ? nil : try cursor.integer() }
            else if key.spells("generated") { try first(3, &seen); generated = try cursor.null() ? nil : try cursor.bool() }
            else { try cursor.skipValue() }
        }
        return NodePrevout(value: try required(value), scriptPubKey: try required(script), height: height, generated: generated)
    }

    private static func parseOutput(_ cursor: inout StrictJSONCursor) throws(Unsupported) -> NodeOutput {
        var value: NodeAmount?, n: Int?, script: NodeScriptPubKey?
        var seen: UInt32 = 0
        try cursor.object { cursor, key throws(Unsupported) in
            if key.spells("value") { try first(0, &seen); value = try cursor.amount() }
            else if key.spells("n") { try first(1, &seen); n = try cursor.integer() }
            else if key.spells("scriptPubKey") { try first(2, &seen); script = try parseScript(&cursor) }
            else { try cursor.skipValue() }
        }
        return NodeOutput(value: try required(value), n: try required(n), scriptPubKey: try required(script))
    }

    private static func parseScript(_ cursor: inout StrictJSONCursor) throws(Unsupported) -> NodeScriptPubKey {
        var hex: String?, type: String?, address: String?
        var addresses: [String]?
        var seen: UInt32 = 0
        try cursor.object { cursor, key throws(Unsupported) in
            if key.spells("hex") { try first(0, &seen); hex = try cursor.string() }
            else if key.spells("type") { try first(1, &seen); type = try cursor.string() }
            else if key.spells("address") { try first(2, &seen); address = try cursor.null() ? nil : try cursor.string() }
            else if key.spells("addresses") {
                try first(3, &seen)
                if try !cursor.null() {
                    var list: [String] = []
                    try cursor.array { cursor throws(Unsupported) in list.append(try cursor.string()) }
                    addresses = list
                }
            } else { try cursor.skipValue() }
        }
        return NodeScriptPubKey(hex: try required(hex), type: try required(type), address: address, addresses: addresses)
    }
}
