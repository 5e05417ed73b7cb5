/// The balance thresholds `stats.balance_thresholds` counts addresses against when the user has not set their own
/// in `etl.balance_thresholds`: powers of ten of a whole coin, from dust to whale. The ladder differs per chain
/// because a coin is worth very different amounts (SPEC.md gives Bitcoin's: 0.001 to 10000 coins).
public struct BalanceThresholdLadder: Sendable, Equatable {
    /// The smallest threshold as a power of ten of one coin (-3 is 0.001 coin).
    public var lowestExponent: Int
    /// The largest threshold as a power of ten of one coin (4 is 10000 coins).
    public var highestExponent: Int
    /// Fraction digits of one coin (8: one coin is 100,000,000 base units).
    public var coinDecimals: Int

    /// A ladder from 10^lowestExponent to 10^highestExponent coins of `coinDecimals` fraction digits.
    public init(lowestExponent: Int, highestExponent: Int, coinDecimals: Int) {
        self.lowestExponent = lowestExponent
        self.highestExponent = highestExponent
        self.coinDecimals = coinDecimals
    }

    /// The chain's default ladder. Bitcoin and the chains priced like it use SPEC.md's 0.001 to 10000 coins;
    /// Litecoin's coin is worth about a hundredth of Bitcoin's, Dogecoin's about a millionth, so their ladders
    /// start and end higher and still separate dust from whales.
    public static func defaults(for chain: Chain) -> BalanceThresholdLadder {
        let decimals = chain.parameters.coinDecimals
        switch chain {
        case .bitcoin, .bitcoinTestnet, .bitcoinVault, .bitcoinCash:
            return BalanceThresholdLadder(lowestExponent: -3, highestExponent: 4, coinDecimals: decimals)
        case .litecoin:
            return BalanceThresholdLadder(lowestExponent: -2, highestExponent: 5, coinDecimals: decimals)
        case .dogecoin:
            return BalanceThresholdLadder(lowestExponent: 0, highestExponent: 8, coinDecimals: decimals)
        }
    }

    /// The thresholds in base units, ascending. Exponents that fall below one base unit or beyond `Int64` are
    /// left out rather than rounded, so every threshold is exact.
    public var baseUnitThresholds: [Int64] {
        guard lowestExponent <= highestExponent else { return [] }
        return (lowestExponent...highestExponent).compactMap { exponent in
            let digits = coinDecimals + exponent
            guard digits >= 0, digits <= 18 else { return nil }
            var value: Int64 = 1
            for _ in 0..<digits { value *= 10 }
            return value
        }
    }
}
