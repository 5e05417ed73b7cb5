/// SPEC.md's `tx_type` for UTXO chains. The SQL of this tool spells the same names (`'coinbase'`, `'transfer'`)
/// when it classifies `chain.transactions.is_coinbase`; a test checks the two agree.
public enum TransactionType: String, Sendable, CaseIterable {
    /// The block's first transaction, which pays the miner; its amount is the block reward.
    case coinbase
    /// Every other transaction; its amount is the sum of its outputs, change included.
    case transfer
}
