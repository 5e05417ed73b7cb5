/// Why a coin amount from the node could not become an exact integer of base units. Kept separate from
/// the place it was found, so the caller can add the block and field to the message.
public enum AmountError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The amount is below zero; no output or fee can be.
    case negative(String)
    /// The amount has more decimals than the chain's base unit allows (e.g. 9 decimals on Bitcoin).
    case tooManyDecimals(String, allowed: Int)
    /// The amount does not fit the 64-bit integer rows store, or exceeds the chain's money supply limit.
    case outOfRange(String)

    public var description: String {
        switch self {
        case .negative(let text): return "amount \(text) is negative"
        case .tooManyDecimals(let text, let allowed): return "amount \(text) has more than \(allowed) decimals"
        case .outOfRange(let text): return "amount \(text) is out of range"
        }
    }
}
