/// The checks that need only the block itself (rules `counts_match`, `merkle_root`, `amount_range`,
/// `address_decodes`), run before anything is written. The checks that need the chain (spent outputs, fees,
/// coinbase) run in SQL inside `ChainWriter.append`.
public struct BlockValidator {
    public let rules: ValidationRules
    public let parameters: ChainParameters
    /// Addresses already found valid: the same addresses recur block after block, and decoding is the
    /// expensive part.
    private var validAddresses: Set<String> = []

    public init(rules: ValidationRules, parameters: ChainParameters) {
        self.rules = rules
        self.parameters = parameters
    }

    /// Throws `BlockValidationFailure` for the first enabled rule `rows` (derived from `block`, landed as
    /// `stored`) break.
    public mutating func validate(_ rows: BlockRows, of block: VerboseNodeBlock, stored: StoredBlock) throws(BlockValidationFailure) {
        func failure(_ rule: ValidationRule, _ reason: String) -> BlockValidationFailure {
            BlockValidationFailure(height: rows.block.height, hash: rows.block.hash, rule: rule, reason: reason)
        }
        if rules.checks(.countsMatch) {
            let derived = (rows.transactions.count, rows.inputs.count, rows.outputs.count)
            let landed = (stored.transactionCount, stored.inputCount, stored.outputCount)
            guard derived == landed, block.nTx.map({ $0 == rows.transactions.count }) ?? true else {
                throw failure(.countsMatch, "the body lists \(derived.0) transactions, \(derived.1) inputs and "
                    + "\(derived.2) outputs; nTx says \(block.nTx.map(String.init) ?? "nothing") and the landing zone "
                    + "recorded \(landed.0), \(landed.1) and \(landed.2)")
            }
        }
        if rules.checks(.merkleRoot) {
            var leaves: [Hash256] = []
            leaves.reserveCapacity(rows.transactions.count)
            for transaction in rows.transactions {
                guard let txid = Hash256(displayHex: transaction.txid) else {
                    throw failure(.merkleRoot, "txid \(transaction.txid) is not a 64-digit hex hash")
                }
                leaves.append(txid)
            }
            let root = MerkleTree.root(of: leaves).displayHex
            guard root == block.merkleroot.lowercased() else {
                throw failure(.merkleRoot, "the txids hash to merkle root \(root), the header says \(block.merkleroot)")
            }
        }
        if rules.checks(.amountRange) {
            for output in rows.outputs where output.value > rules.maximumAmount {
                throw failure(.amountRange, "output \(output.n) of transaction \(output.txid) holds \(output.value) "
                    + "base units, above the maximum \(rules.maximumAmount)")
            }
            for input in rows.inputs where (input.value ?? 0) > rules.maximumAmount {
                throw failure(.amountRange, "input \(input.n) of transaction \(input.txid) spends \(input.value ?? 0) "
                    + "base units, above the maximum \(rules.maximumAmount)")
            }
            for transaction in rows.transactions where transaction.outputValue > rules.maximumAmount {
                throw failure(.amountRange, "transaction \(transaction.txid) pays \(transaction.outputValue) base "
                    + "units in all, above the maximum \(rules.maximumAmount)")
            }
        }
        if rules.checks(.addressDecodes) {
            for output in rows.outputs {
                guard let address = output.address, !validAddresses.contains(address) else { continue }
                guard AddressValidity.isValid(address, for: parameters) else {
                    throw failure(.addressDecodes, "output \(output.n) of transaction \(output.txid) pays to "
                        + "\(address), which is not a \(parameters.chain.rawValue) address")
                }
                if validAddresses.count > 2_000_000 { validAddresses.removeAll(keepingCapacity: true) }
                validAddresses.insert(address)
            }
        }
    }
}
