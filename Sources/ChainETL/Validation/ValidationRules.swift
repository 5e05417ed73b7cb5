/// The rules in force for one run, read from `etl.validation_rules` at the start, with the chain facts they
/// need (maximum money, subsidy schedule). Rules are data so an operator can accept a block a rule would refuse
/// (an altcoin's odd early subsidy, say) with one UPDATE instead of a release.
public struct ValidationRules: Sendable, Equatable {
    /// Rules that are switched on.
    public var enabled: Set<ValidationRule>
    /// Largest value of one output in base units.
    public var maximumAmount: Int64
    /// Subsidy of the first block, in base units.
    public var initialSubsidy: Int64
    /// Blocks between halvings; nil for a flat subsidy.
    public var halvingInterval: Int64?
    /// Heights the halvings count as passed at height 0 (`ChainParameters.halvingOffset`).
    public var halvingOffset: Int64
    /// The chain's early ceilings, before the halvings apply (`ChainParameters.earlySubsidyCeilings`).
    public var earlySubsidyCeilings: [SubsidyCeiling]

    /// Rules with every check on, for `parameters`' chain.
    public init(parameters: ChainParameters, enabled: Set<ValidationRule> = Set(ValidationRule.allCases)) {
        self.enabled = enabled
        self.maximumAmount = parameters.maximumMoney
        self.initialSubsidy = parameters.initialSubsidy
        self.halvingInterval = parameters.halvingInterval.map(Int64.init)
        self.halvingOffset = Int64(parameters.halvingOffset)
        self.earlySubsidyCeilings = parameters.earlySubsidyCeilings
    }

    /// No checks beyond what storing the rows needs (tests that load hand-made chains).
    public static func none(parameters: ChainParameters) -> ValidationRules {
        ValidationRules(parameters: parameters, enabled: [])
    }

    /// Whether `rule` is on.
    public func checks(_ rule: ValidationRule) -> Bool {
        enabled.contains(rule)
    }

    /// The largest subsidy a block at `height` may claim.
    public func subsidy(atHeight height: Int64) -> Int64 {
        if let early = earlySubsidyCeilings.first(where: { height < $0.belowHeight }) { return early.maximum }
        guard let halvingInterval, halvingInterval > 0 else { return initialSubsidy }
        let (shifted, overflow) = height.addingReportingOverflow(halvingOffset)
        let halvings = overflow ? Int64.max : shifted / halvingInterval
        return halvings >= 63 ? 0 : initialSubsidy >> halvings
    }
}
