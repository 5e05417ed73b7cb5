/// A landed block that a validation rule refused: copy-raw quarantines it and stops before it, because later
/// blocks' balances depend on it.
public struct BlockValidationFailure: ChainETLError, Equatable {
    public var height: Int64
    public var hash: String
    public var rule: ValidationRule
    /// What is wrong, naming the transaction, input or output.
    public var reason: String

    public init(height: Int64, hash: String, rule: ValidationRule, reason: String) {
        self.height = height
        self.hash = hash
        self.rule = rule
        self.reason = reason
    }

    public var exitStatus: ExitStatus { .failure }
    public var isTransient: Bool { false }

    public var description: String {
        "block \(height) (\(hash)) fails rule \(rule.rawValue): \(reason); it is quarantined in etl.quarantine and "
            + "later blocks wait: re-scrape it (scrape --from \(height) --to \(height)) or, if the data is right, "
            + "switch the rule off in etl.validation_rules"
    }
}
