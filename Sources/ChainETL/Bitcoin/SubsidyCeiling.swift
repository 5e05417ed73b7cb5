/// The largest block subsidy below a height, for chains whose early rewards followed no halving formula.
public struct SubsidyCeiling: Sendable, Equatable {
    /// The first height this ceiling no longer covers.
    public var belowHeight: Int64
    /// The largest subsidy of a block below `belowHeight` (and at or above the previous ceiling's), in base units.
    public var maximum: Int64

    public init(belowHeight: Int64, maximum: Int64) {
        self.belowHeight = belowHeight
        self.maximum = maximum
    }

    /// Dogecoin Core's `GetDogecoinBlockSubsidy`: below 145,000 a reward of 1 to `1,000,000 >> (height /
    /// 100,000)` DOGE drawn from the previous block's hash, then `500,000 >> (height / 100,000)` DOGE up to
    /// 600,000, where the flat 10,000 begins.
    static let dogecoin: [SubsidyCeiling] = [
        (100_000, 1_000_000), (145_000, 500_000), (200_000, 250_000), (300_000, 125_000), (400_000, 62_500),
        (500_000, 31_250), (600_000, 15_625),
    ].map { SubsidyCeiling(belowHeight: $0.0, maximum: $0.1 * 100_000_000) }

    /// Bitcoin Vault's bootstrap period (BRIP-1, `ExpeditedPeriodSubsidy` in its node): 175 BTCV below 29,850,
    /// then 150, 125, 100, 75, 50, 25, 12.5 and 6.25 BTCV for 26,600 blocks each, up to 242,650. These rewards
    /// are exact, not random, so each ceiling is the reward itself.
    static let bitcoinVault: [SubsidyCeiling] = [
        17_500_000_000, 15_000_000_000, 12_500_000_000, 10_000_000_000, 7_500_000_000, 5_000_000_000,
        2_500_000_000, 1_250_000_000, 625_000_000,
    ].enumerated().map { SubsidyCeiling(belowHeight: 29_850 + Int64($0.offset) * 26_600, maximum: $0.element) }
}
