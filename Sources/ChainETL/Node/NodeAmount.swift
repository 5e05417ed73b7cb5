public import Foundation

/// A coin amount as the node wrote it, kept as the exact decimal text value until it is converted to base
/// units with the chain's rules (see `BaseUnits`). Decoding fails only when the field is not a number.
public struct NodeAmount: Decodable, Sendable, Equatable {
    /// The exact decimal value of the JSON number.
    public var value: Decimal

    public init(_ value: Decimal) {
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Decimal.self)
    }
}
