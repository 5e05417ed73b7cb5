@testable import ChainETL
import Testing

/// Amounts in the JSON export: exact text from the database's integers and numerics, never through a Double.
@Suite("build-top10: amount text for the JSON export")
struct CoinAmountTextTests {
    @Test("base units are written in canonical form; NaN and non-numbers are refused", arguments: [
        ("5000000000", "5000000000"), ("0", "0"), ("-0", "0"), ("0.000", "0"), ("007", "7"),
        ("1234.5000000000000000", "1234.5"), ("-12.50", "-12.5"),
        ("123456789012345678901234567890", "123456789012345678901234567890"),
    ])
    func canonicalBaseUnits(text: String, expected: String) {
        #expect(CoinAmountText.baseUnits(text) == expected)
    }

    @Test("NaN, infinities and malformed text have no amount", arguments: ["NaN", "Infinity", "-Infinity", "", "-", "1.", ".5", "1e5", "12a"])
    func notAnAmount(text: String) {
        #expect(CoinAmountText.baseUnits(text) == nil)
        #expect(CoinAmountText.coins(baseUnits: text, decimals: 8) == nil)
    }

    @Test("coins have exactly the chain's decimals, more only for a fraction of a base unit", arguments: [
        ("5000000000", "50.00000000"), ("1", "0.00000001"), ("0", "0.00000000"), ("-5", "-0.00000005"),
        ("2100000000000000", "21000000.00000000"),
        ("12.5", "0.000000125"), ("1234.5000000000000000", "0.000012345"), ("150000000.25", "1.5000000025"),
        ("-0.5", "-0.000000005"),
        // Beyond Int64 (Dogecoin's supply in koinu exceeds it): shifted digit by digit.
        ("123456789012345678901234", "1234567890123456.78901234"),
        ("9223372036854775808", "92233720368.54775808"),
    ])
    func coins(text: String, expected: String) {
        #expect(CoinAmountText.coins(baseUnits: text, decimals: 8) == expected)
    }

    @Test("other decimals: 0 writes whole coins, 9 (QRL's shor) nine digits")
    func otherDecimals() {
        #expect(CoinAmountText.coins(baseUnits: "42", decimals: 0) == "42")
        #expect(CoinAmountText.coins(baseUnits: "42.5", decimals: 0) == "42.5")
        #expect(CoinAmountText.coins(baseUnits: "1000000001", decimals: 9) == "1.000000001")
        #expect(CoinAmountText.coins(baseUnits: "99999999999999999999", decimals: 9) == "99999999999.999999999")
    }

    @Test("the digit-shifting path agrees with AmountFormatting wherever both apply")
    func shiftingAgreesWithAmountFormatting() throws {
        var generator = SystemRandomNumberGenerator()
        let edges: [Int64] = [0, 1, -1, 99_999_999, 100_000_000, 100_000_001, .max, .min + 1]
        let samples = edges + (0..<2_000).map { _ in Int64.random(in: Int64.min + 1 ... Int64.max, using: &generator) >> Int64.random(in: 0...62, using: &generator) }
        for value in samples {
            for decimals in [0, 2, 8, 9] {
                let parsed = try #require(PlainDecimal(String(value)))
                #expect(CoinAmountText.shifted(parsed, decimals: decimals)
                    == AmountFormatting.decimalString(value, decimals: decimals), "\(value) with \(decimals) decimals")
            }
        }
    }
}
