/// The checks a block answer must pass before scrape stores it. Everything `copy-raw` will later read is
/// checked here once, so a bad answer is refused at the door with the block and field named, instead of
/// surfacing hours later as a wrong number.
///
/// Linkage to the stored chain (previous hash) is not checked here: a mismatch there is a reorg, not bad data.
public struct BlockChecks: Sendable {
    /// Decimals of one coin in base units.
    public var decimals: Int
    /// The largest amount a single output may carry, in base units (`nil`: only the 64-bit limit).
    public var maximumAmount: Int64?

    public init(decimals: Int = 8, maximumAmount: Int64? = nil) {
        self.decimals = decimals
        self.maximumAmount = maximumAmount
    }

    /// Checks a block with full transactions that was requested for `height`.
    public func check(_ block: VerboseNodeBlock, height: Int64) throws(NodeDataError) -> CheckedBlock {
        var context = Context(height: height, hash: block.hash)
        guard Self.isHash(block.hash) else { throw context.error("hash", "is not a 64-digit hex hash: \(block.hash)") }
        guard block.height == height else {
            throw context.error("height", "is \(block.height), but block \(height) was requested")
        }
        if height > 0 {
            guard let previous = block.previousblockhash else { throw context.error("previousblockhash", "missing") }
            guard Self.isHash(previous) else { throw context.error("previousblockhash", "is not a 64-digit hex hash") }
        }
        guard block.time > 0 else { throw context.error("time", "is \(block.time), not a time") }
        guard !block.tx.isEmpty else { throw context.error("tx", "is empty; every block has a coinbase") }
        if let declared = block.nTx, declared != block.tx.count {
            throw context.error("nTx", "says \(declared) transactions, but tx lists \(block.tx.count)")
        }
        var inputs = 0
        var outputs = 0
        var prevoutsSeen = 0
        var txids = Set<String>(minimumCapacity: block.tx.count)
        for (index, transaction) in block.tx.enumerated() {
            context.field = "tx[\(index)]"
            try checkTransaction(transaction, isFirst: index == 0, context: context)
            guard txids.insert(transaction.txid).inserted else {
                throw context.error("txid", "\(transaction.txid) appears twice in the block")
            }
            if index > 0 {
                inputs += transaction.vin.count
                prevoutsSeen += transaction.vin.lazy.filter { $0.prevout != nil }.count
            }
            outputs += transaction.vout.count
        }
        context.field = ""
        if prevoutsSeen != 0 && prevoutsSeen != inputs {
            throw context.error("tx", "\(prevoutsSeen) of \(inputs) inputs carry prevout; expected all or none")
        }
        return CheckedBlock(
            height: height, hash: block.hash, previousHash: block.previousblockhash, time: block.time,
            transactionCount: block.tx.count, inputCount: inputs, outputCount: outputs,
            hasPrevouts: inputs > 0 && prevoutsSeen == inputs
        )
    }

    private func checkTransaction(_ tx: NodeTransaction, isFirst: Bool, context: Context) throws(NodeDataError) {
        guard Self.isHash(tx.txid) else { throw context.error("txid", "is not a 64-digit hex hash: \(tx.txid)") }
        guard !tx.vin.isEmpty else { throw context.error("vin", "is empty") }
        guard !tx.vout.isEmpty else { throw context.error("vout", "is empty") }
        if isFirst != tx.isCoinbase {
            throw context.error("vin", isFirst ? "the first transaction is not a coinbase" : "a coinbase input outside the first transaction")
        }
        if !isFirst {
            for (index, input) in tx.vin.enumerated() {
                let field = "vin[\(index)]"
                guard let txid = input.txid, Self.isHash(txid) else {
                    throw context.error(field + ".txid", input.txid == nil ? "missing" : "is not a 64-digit hex hash")
                }
                guard let vout = input.vout, vout >= 0 else {
                    throw context.error(field + ".vout", input.vout == nil ? "missing" : "is negative")
                }
                if let prevout = input.prevout {
                    try checkAmount(prevout.value, field: field + ".prevout.value", context: context)
                    try checkScript(prevout.scriptPubKey, field: field + ".prevout.scriptPubKey", context: context)
                }
            }
        }
        for (index, output) in tx.vout.enumerated() {
            let field = "vout[\(index)]"
            guard output.n == index else { throw context.error(field + ".n", "is \(output.n), expected \(index)") }
            try checkAmount(output.value, field: field + ".value", context: context)
            try checkScript(output.scriptPubKey, field: field + ".scriptPubKey", context: context)
        }
        if let fee = tx.fee {
            try checkAmount(fee, field: "fee", context: context)
        }
    }

    private func checkAmount(_ amount: NodeAmount, field: String, context: Context) throws(NodeDataError) {
        do {
            _ = try amount.baseUnits(decimals: decimals, maximum: maximumAmount)
        } catch {
            throw context.error(field, error.description)
        }
    }

    private func checkScript(_ script: NodeScriptPubKey, field: String, context: Context) throws(NodeDataError) {
        guard script.hex.utf8.count % 2 == 0, Self.isAllHex(script.hex) else {
            throw context.error(field + ".hex", "is not hex")
        }
    }

    /// Whether `text` is a 64-digit lower-case hex string, the only way nodes write hashes.
    public static func isHash(_ text: String) -> Bool {
        text.utf8.count == 64 && isAllHex(text)
    }

    /// Whether every byte of `text` is a hex digit; reads the contiguous UTF-8 storage eight bytes at a time
    /// when the string has one (it always does when parsed from an answer).
    private static func isAllHex(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(WordAtATime.isAllHexDigits)
            ?? text.utf8.allSatisfy(WordAtATime.isHexDigit)
    }

    /// The block being checked and the transaction within it, to prefix field names.
    private struct Context {
        var height: Int64
        var hash: String
        var field = ""

        func error(_ name: String, _ problem: String) -> NodeDataError {
            let path = field.isEmpty ? name : field + "." + name
            return NodeDataError(height: height, hash: hash, field: path, problem: problem)
        }
    }
}
