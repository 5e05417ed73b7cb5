public import Foundation

/// A coin amount as the node wrote it, kept exact until it is converted to base units with the chain's rules
/// (see `BaseUnits`). Decoding fails only when the field is not a number.
///
/// The fast block parser hands over the number's digits and exponent as integers, so the common case converts
/// to base units with integer arithmetic; `Decimal` is built only when someone asks for `value` (a message,
/// a test) or the digits do not fit 64 bits.
public struct NodeAmount: Decodable, Sendable, Equatable {
    private enum Storage: Sendable {
        /// `significand × 10^exponent`, exactly the digits of the JSON number.
        case digits(significand: UInt64, exponent: Int32)
        case decimal(Decimal)
    }

    private var storage: Storage

    /// The exact decimal value of the JSON number.
    public var value: Decimal {
        get {
            switch storage {
            case .decimal(let value): return value
            case .digits(let significand, let exponent):
                return Decimal(sign: .plus, exponent: Int(exponent), significand: Decimal(significand))
            }
        }
        set { storage = .decimal(newValue) }
    }

    public init(_ value: Decimal) {
        storage = .decimal(value)
    }

    /// The non-negative amount `significand × 10^exponent`, as a parser read it from the number's text.
    init(significand: UInt64, exponent: Int32) {
        storage = .digits(significand: significand, exponent: exponent)
    }

    public init(from decoder: any Decoder) throws {
        storage = .decimal(try decoder.singleValueContainer().decode(Decimal.self))
    }

    public static func == (lhs: NodeAmount, rhs: NodeAmount) -> Bool {
        lhs.value == rhs.value
    }

    /// The amount in base units, exactly as `BaseUnits.from(value, decimals:maximum:)` gives it (the same
    /// value or the same error), without decimal arithmetic when the digits allow.
    public func baseUnits(decimals: Int, maximum: Int64?) throws(AmountError) -> Int64 {
        if case .digits(let significand, let exponent) = storage,
           let units = Self.scaled(significand, by: Int(exponent) + decimals),
           maximum.map({ units <= $0 }) ?? true {
            return units
        }
        // Everything unusual (and every error) goes through the one reference conversion.
        return try BaseUnits.from(value, decimals: decimals, maximum: maximum)
    }

    /// `significand × 10^shift` when it is an integer that fits `Int64`; nil otherwise.
    private static func scaled(_ significand: UInt64, by shift: Int) -> Int64? {
        if shift >= 0 {
            guard shift < powersOfTen.count else { return significand == 0 ? 0 : nil }
            let (product, overflow) = significand.multipliedReportingOverflow(by: powersOfTen[shift])
            guard !overflow, product <= UInt64(Int64.max) else { return nil }
            return Int64(product)
        }
        guard -shift < powersOfTen.count else { return significand == 0 ? 0 : nil }
        let divisor = powersOfTen[-shift]
        guard significand % divisor == 0 else { return nil }
        return Int64(significand / divisor)
    }

    private static let powersOfTen: [UInt64] = (0...19).map { power in
        (0..<power).reduce(UInt64(1)) { value, _ in value * 10 }
    }
}
