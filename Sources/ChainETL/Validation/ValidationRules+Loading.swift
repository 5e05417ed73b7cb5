extension ValidationRules {
    /// The rules as `etl.validation_rules` says: rows switched off are dropped, parameters override the chain's
    /// defaults (`amount_range`: maximum money; `coinbase_within_reward`: halving interval).
    public static func load(from connection: PostgresConnection, parameters: ChainParameters) throws -> ValidationRules {
        var rules = ValidationRules(parameters: parameters, enabled: [])
        for row in try connection.query("SELECT rule, enabled, parameter FROM etl.validation_rules") {
            guard let rule = ValidationRule(rawValue: try row.string(0)), try row.bool(1) else { continue }
            rules.enabled.insert(rule)
            guard !row.isNull(2) else { continue }
            let parameter = try row.int64(2)
            switch rule {
            case .amountRange: rules.maximumAmount = parameter
            case .coinbaseWithinReward: rules.halvingInterval = parameter
            default: break
            }
        }
        return rules
    }
}
