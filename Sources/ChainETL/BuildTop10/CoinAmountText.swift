/// Amounts for the JSON export, exact from the database's text to the file: the base units as a plain decimal
/// string and the same amount in coins. No Double ever holds a value, so a front end in any language reads
/// exactly what the table holds (JSON numbers above 2^53 lose digits in JavaScript).
///
/// Integer amounts that fit in Int64 (every per-row amount) go through `AmountFormatting`, the formatter the
/// rest of the product uses; sums beyond Int64 (a `numeric` total on a chain with a large supply) and means with
/// a fraction are shifted digit by digit, giving the same text for the values both paths can handle.
public enum CoinAmountText {
    /// The base-unit amount `text` (PostgreSQL's `bigint` or `numeric` output) in canonical form: no leading
    /// zeros, no trailing fraction zeros, no `-` on zero (`"0012.500"` is `"12.5"`). Nil for `NaN`, infinities
    /// or anything that is not a plain decimal.
    public static func baseUnits(_ text: String) -> String? {
        guard let parsed = PlainDecimal(text) else { return nil }
        return parsed.text
    }

    /// The amount `text` base units is in coins of `decimals` decimals: exactly `decimals` fraction digits, more
    /// only when the base-unit amount itself has a fraction (`"150000000"` is `"1.50000000"`, `"12.5"` is
    /// `"0.000000125"`). Nil where `baseUnits` is nil.
    public static func coins(baseUnits text: String, decimals: Int) -> String? {
        guard let parsed = PlainDecimal(text) else { return nil }
        if parsed.fraction.isEmpty, let units = Int64(parsed.text) {
            return AmountFormatting.decimalString(units, decimals: decimals)
        }
        return shifted(parsed, decimals: decimals)
    }

    /// Moves the decimal point `decimals` places to the left in the digits themselves.
    static func shifted(_ value: PlainDecimal, decimals: Int) -> String {
        let digits = value.integer + value.fraction
        let point = value.integer.count - decimals
        var integerPart: Substring
        var fractionPart: String
        if point <= 0 {
            integerPart = "0"
            fractionPart = String(repeating: "0", count: -point) + digits
        } else {
            integerPart = Substring(digits.prefix(point))
            fractionPart = String(digits.dropFirst(point))
        }
        integerPart = integerPart.drop { $0 == "0" }
        if integerPart.isEmpty { integerPart = "0" }
        if fractionPart.count < decimals {
            fractionPart += String(repeating: "0", count: decimals - fractionPart.count)
        }
        while fractionPart.count > decimals, fractionPart.last == "0" { fractionPart.removeLast() }
        let sign = value.isNegative ? "-" : ""
        return sign + integerPart + (fractionPart.isEmpty ? "" : "." + fractionPart)
    }
}

/// A decimal number as PostgreSQL prints `numeric` and integers: optional `-`, digits, optional `.digits`.
struct PlainDecimal: Equatable {
    /// Whether the value is below zero (never set for zero).
    var isNegative: Bool
    /// The integer digits without leading zeros ("0" for none).
    var integer: String
    /// The fraction digits without trailing zeros (empty for none).
    var fraction: String

    init?(_ text: String) {
        var rest = Substring(text)
        let negative = rest.first == "-"
        if negative || rest.first == "+" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let integerDigits = parts.first, !integerDigits.isEmpty,
              integerDigits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var fractionDigits: Substring = ""
        if parts.count == 2 {
            fractionDigits = parts[1]
            guard !fractionDigits.isEmpty, fractionDigits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        }
        let trimmedInteger = integerDigits.drop { $0 == "0" }
        var trimmedFraction = fractionDigits
        while trimmedFraction.last == "0" { trimmedFraction.removeLast() }
        integer = trimmedInteger.isEmpty ? "0" : String(trimmedInteger)
        fraction = String(trimmedFraction)
        isNegative = negative && !(integer == "0" && fraction.isEmpty)
    }

    /// The canonical text.
    var text: String {
        (isNegative ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction)
    }
}
