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
}
