public import Foundation

/// Converts coin amounts, as the node writes them, into integers of the chain's base unit (satoshi).
///
/// Money never passes through `Double`: `JSONDecoder` reads a JSON number into `Decimal` from its exact text,
/// and the scaling by 10^decimals happens in decimal arithmetic, so `20999999.9769` is 2099999997690000 satoshi
/// and `0.000000001` is refused instead of being rounded.
public enum BaseUnits {
    /// Converts a decimal coin amount to base units.
    ///
    /// - Parameters:
    ///   - amount: the amount in coins, exactly as written by the node.
    ///   - decimals: how many decimals one coin has (8 for Bitcoin and its forks).
    ///   - maximum: the largest amount the chain allows, in base units (`nil` = only the Int64 limit).
    public static func from(_ amount: Decimal, decimals: Int = 8, maximum: Int64? = nil) throws(AmountError) -> Int64 {
        let text = amount.description
        if amount.isNaN { throw .outOfRange(text) }
        if amount < 0 { throw .negative(text) }
        var scaled = amount * scale(decimals)
        var integral = Decimal()
        NSDecimalRound(&integral, &scaled, 0, .down)
        if integral != scaled { throw .tooManyDecimals(text, allowed: decimals) }
        // Decimal prints integral values as plain digits, which Int64 parses exactly or refuses.
        guard let units = Int64(integral.description) else { throw .outOfRange(text) }
        if let maximum, units > maximum { throw .outOfRange(text) }
        return units
    }

    private static func scale(_ decimals: Int) -> Decimal {
        var result = Decimal(1)
        for _ in 0..<decimals { result *= 10 }
        return result
    }
}
