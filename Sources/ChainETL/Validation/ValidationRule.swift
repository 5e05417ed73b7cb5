/// One check copy-raw makes before a landed block becomes rows. The raw values are the keys of
/// `etl.validation_rules`, where an operator can switch a rule off or tune it without a code change.
public enum ValidationRule: String, Sendable, CaseIterable, Hashable {
    /// The landed text parses into rows: well-formed JSON, amounts with at most the chain's decimals, a node's
    /// `fee` agreeing with its `prevout`s. Always on: a block that cannot be read cannot be copied.
    case readable = "readable"
    /// Every output value lies between 0 and the chain's maximum money (or the rule's parameter).
    case amountRange = "amount_range"
    /// The transactions listed agree with `nTx` and with the counts scrape stored for the block.
    case countsMatch = "counts_match"
    /// The txids hash to the header's merkle root, so no txid was altered on the way.
    case merkleRoot = "merkle_root"
    /// Every reported address decodes for the configured chain.
    case addressDecodes = "address_decodes"
    /// Every input spends an output `chain.outputs` holds, agreeing with the node's `prevout` where both exist.
    case spentOutputKnown = "spent_output_known"
    /// A transaction other than the coinbase spends no more than its inputs.
    case outputsWithinInputs = "outputs_within_inputs"
    /// The coinbase claims at most the subsidy plus the block's fees.
    case coinbaseWithinReward = "coinbase_within_reward"
}
