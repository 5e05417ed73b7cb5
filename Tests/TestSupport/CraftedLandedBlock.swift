public import ChainETL

/// A hand-made block as scrape would have landed it: the node's `getblock` answer as JSON text (verbosity 2 or
/// 3, or verbosity 1 with the `getrawtransaction` answers), written to `raw.blocks` with its 'joined' event.
///
/// Tests of copy-raw's validation build a block that breaks exactly one rule (a wrong merkle root, an output
/// paying more than its inputs) and land it after good ones. Everything that is not deliberately broken is
/// right: the merkle root is computed from the txids, the counts scrape records follow from the body, and
/// amounts are written with the chain's eight decimals from integers, never through a `Double`.
public struct CraftedLandedBlock: Sendable {
    /// An output as the node renders it.
    public struct Output: Sendable, Equatable {
        /// `nil` for an output without an address (OP_RETURN with scriptType `nulldata`, P2PK on current nodes).
        public var address: String?
        /// Value in base units.
        public var value: Int64
        public var scriptType: String
        /// The JSON number text for the value when a test needs one a node would not write (nine decimals,
        /// say); `nil` writes `value` with eight decimals.
        public var valueText: String?
        /// The script's hex when a test needs a particular one; `nil` writes `6a` (OP_RETURN) for `nulldata` and
        /// `51` for every other type.
        public var scriptHex: String?

        public init(
            _ address: String?, _ value: Int64, scriptType: String = "pubkeyhash", valueText: String? = nil,
            scriptHex: String? = nil
        ) {
            self.address = address
            self.value = value
            self.scriptType = scriptType
            self.valueText = valueText
            self.scriptHex = scriptHex
        }
    }

    /// An input that spends `spent`; with verbosity 3 it carries `prevout`, the spent output as the node saw it.
    public struct Input: Sendable, Equatable {
        public var spent: OutputReference
        /// Rendered only in verbosity 3; `nil` there renders no `prevout` member at all.
        public var prevout: Output?

        public init(spending spent: OutputReference, prevout: Output? = nil) {
            self.spent = spent
            self.prevout = prevout
        }
    }

    /// A transaction; without inputs it is the block's coinbase.
    public struct Transaction: Sendable, Equatable {
        public var txid: String
        public var inputs: [Input]
        public var outputs: [Output]
        /// The node's `fee` member (Core 22+, verbosity 2 and 3), in base units; `nil` writes none.
        public var fee: Int64?
        public var size: Int

        public init(txid: String, inputs: [Input], outputs: [Output], fee: Int64? = nil, size: Int = 250) {
            self.txid = txid
            self.inputs = inputs
            self.outputs = outputs
            self.fee = fee
            self.size = size
        }

        /// A coinbase paying `outputs`, with a txid derived from `seed`.
        public static func coinbase(_ seed: String, paying outputs: [Output]) -> Transaction {
            Transaction(txid: CraftedLandedBlock.fakeHash("tx " + seed), inputs: [], outputs: outputs, size: 150)
        }

        /// A transfer spending `inputs` and paying `outputs`, with a txid derived from `seed`.
        public static func transfer(_ seed: String, spending inputs: [Input], paying outputs: [Output], fee: Int64? = nil) -> Transaction {
            Transaction(txid: CraftedLandedBlock.fakeHash("tx " + seed), inputs: inputs, outputs: outputs, fee: fee)
        }

        public var isCoinbase: Bool { inputs.isEmpty }
    }

    /// The counts scrape records beside the body (`raw.blocks.tx_count`, `input_count`, `output_count`).
    public struct RecordedCounts: Sendable, Equatable {
        public var transactions: Int
        public var inputs: Int
        public var outputs: Int

        public init(transactions: Int, inputs: Int, outputs: Int) {
            self.transactions = transactions
            self.inputs = inputs
            self.outputs = outputs
        }
    }

    public var height: Int64
    public var hash: String
    /// `nil` only for a block at height 0.
    public var previousHash: String?
    /// Header time, seconds since 1970.
    public var time: Int64
    public var transactions: [Transaction]
    /// How the body is written: `.verbosity3` renders each input's `prevout`, `.verbosity2` none,
    /// `.txidsWithTransactions` a txid-only body plus the transactions as `getrawtransaction` answers.
    public var format: LandedBlock.Format
    /// A merkle root to write instead of the one the txids give (to break rule `merkle_root`).
    public var merkleRootOverride: String?
    /// An `nTx` to write instead of the number of transactions (to break rule `counts_match`).
    public var declaredTransactionCount: Int?
    /// Counts to record instead of the ones the body gives (to break rule `counts_match` the other way).
    public var recordedCountsOverride: RecordedCounts?

    /// A block at `height` on top of `previousHash`; its hash is derived from `seed` so every crafted block
    /// differs.
    public init(
        height: Int64, previousHash: String?, seed: String, time: Int64? = nil, transactions: [Transaction],
        format: LandedBlock.Format = .verbosity3
    ) {
        self.height = height
        self.hash = Self.fakeHash("block " + seed)
        self.previousHash = previousHash
        self.time = time ?? 1_704_067_200 + height * 600
        self.transactions = transactions
        self.format = format
    }

    /// The merkle root of the txids, as Core computes it.
    public var computedMerkleRoot: String {
        MerkleTree.root(of: transactions.map { Hash256(displayHex: $0.txid) ?? .zero }).displayHex
    }

    /// The root written in the header.
    public var merkleRoot: String { merkleRootOverride ?? computedMerkleRoot }

    /// What scrape would record for this body, unless overridden.
    public var recordedCounts: RecordedCounts {
        recordedCountsOverride ?? RecordedCounts(
            transactions: transactions.count,
            inputs: transactions.reduce(0) { $0 + $1.inputs.count },
            outputs: transactions.reduce(0) { $0 + $1.outputs.count })
    }

    /// The text of `raw.blocks.body`: the `getblock` result.
    public var body: String {
        let list = format == .txidsWithTransactions
            ? transactions.map { Self.quoted($0.txid) }
            : transactions.map { render($0, withPrevouts: format == .verbosity3) }
        var members = [
            "\"hash\":\(Self.quoted(hash))", "\"confirmations\":1", "\"height\":\(height)", "\"version\":536870912",
            "\"merkleroot\":\(Self.quoted(merkleRoot))", "\"time\":\(time)", "\"mediantime\":\(time - 1)",
            "\"nonce\":7", "\"bits\":\"1d00ffff\"", "\"difficulty\":1", "\"nTx\":\(declaredTransactionCount ?? transactions.count)",
            "\"size\":\(transactions.reduce(80) { $0 + $1.size })",
            "\"weight\":\(4 * transactions.reduce(80) { $0 + $1.size })",
        ]
        if let previousHash { members.append("\"previousblockhash\":\(Self.quoted(previousHash))") }
        members.append("\"tx\":[" + list.joined(separator: ",") + "]")
        return "{" + members.joined(separator: ",") + "}"
    }

    /// The text of `raw.blocks.transactions`: the `getrawtransaction` answers for a txid-only body, else `nil`.
    public var transactionsText: String? {
        guard format == .txidsWithTransactions else { return nil }
        return "[" + transactions.map { render($0, withPrevouts: false) }.joined(separator: ",") + "]"
    }

    /// Lands the block on the landing zone's best chain the way scrape does: its `raw.blocks` row and a
    /// 'joined' event, in one transaction.
    public func land(on connection: PostgresConnection) throws {
        let counts = recordedCounts
        try connection.transaction { connection in
            try connection.execute("""
                INSERT INTO raw.blocks (hash, height, previous_hash, in_best_chain, time, tx_count, input_count,
                                        output_count, format, body, transactions)
                VALUES ($1, $2, $3, true, to_timestamp($4), $5, $6, $7, $8, $9, $10)
                """, [
                    hash, height, previousHash, time, counts.transactions, counts.inputs, counts.outputs,
                    Int(format.rawValue), body, transactionsText,
                ])
            try connection.execute(
                "INSERT INTO raw.chain_events (change, height, hash) VALUES ('joined', $1, $2)", [height, hash])
        }
    }

    /// Replaces the landed text of this block (same hash) with this value's, as a re-scrape that fixed the data
    /// would; the best chain does not change, so no event is added.
    public func replaceLandedText(on connection: PostgresConnection) throws {
        let counts = recordedCounts
        let changed = try connection.execute("""
            UPDATE raw.blocks SET body = $2, transactions = $3, format = $4, tx_count = $5, input_count = $6,
                                  output_count = $7
            WHERE hash = $1
            """, [hash, body, transactionsText, Int(format.rawValue), counts.transactions, counts.inputs, counts.outputs])
        guard changed == 1 else { throw TestDatabaseError("block \(hash) is not landed, so it cannot be replaced") }
    }

    /// A 64-digit hex hash derived from `seed`, for block hashes and txids that must merely be distinct.
    public static func fakeHash(_ seed: String) -> String {
        SHA256.hash(Array(seed.utf8)).displayHex
    }

    /// A valid Base58Check P2PKH address (checksum and all) whose hash is derived from `seed`; `version` picks
    /// the chain (0 for Bitcoin mainnet, 0x6f for testnet).
    public static func address(_ seed: String, version: UInt8 = 0x00) -> String {
        Base58Check.encode(version: version, hash: Array(SHA256.hash(Array(seed.utf8)).bytes.prefix(20)))
    }

    private func render(_ transaction: Transaction, withPrevouts: Bool) -> String {
        let inputs: [String]
        if transaction.isCoinbase {
            inputs = [#"{"coinbase":"0107","sequence":4294967295}"#]
        } else {
            inputs = transaction.inputs.map { input in
                var members = [
                    "\"txid\":\(Self.quoted(input.spent.txid))", "\"vout\":\(input.spent.n)",
                    #""scriptSig":{"asm":"","hex":""}"#, "\"sequence\":4294967295",
                ]
                if withPrevouts, let prevout = input.prevout {
                    members.append("\"prevout\":{\"generated\":false,\"height\":0,\"value\":\(Self.amount(prevout)),"
                        + "\"scriptPubKey\":\(Self.script(prevout))}")
                }
                return "{" + members.joined(separator: ",") + "}"
            }
        }
        let outputs = transaction.outputs.enumerated().map { n, output in
            "{\"value\":\(Self.amount(output)),\"n\":\(n),\"scriptPubKey\":\(Self.script(output))}"
        }
        var members = [
            "\"txid\":\(Self.quoted(transaction.txid))", "\"hash\":\(Self.quoted(transaction.txid))", "\"version\":2",
            "\"size\":\(transaction.size)", "\"vsize\":\(transaction.size)", "\"weight\":\(4 * transaction.size)",
            "\"locktime\":0", "\"vin\":[" + inputs.joined(separator: ",") + "]",
            "\"vout\":[" + outputs.joined(separator: ",") + "]",
        ]
        if let fee = transaction.fee { members.append("\"fee\":" + AmountFormatting.decimalString(fee)) }
        return "{" + members.joined(separator: ",") + "}"
    }

    private static func amount(_ output: Output) -> String {
        output.valueText ?? AmountFormatting.decimalString(output.value)
    }

    private static func script(_ output: Output) -> String {
        let hex = output.scriptHex ?? (output.scriptType == "nulldata" ? "6a" : "51")
        var members = ["\"asm\":\"\"", "\"hex\":\"\(hex)\"", "\"type\":\(quoted(output.scriptType))"]
        if let address = output.address { members.append("\"address\":\(quoted(address))") }
        return "{" + members.joined(separator: ",") + "}"
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
