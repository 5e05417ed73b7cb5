/// Raised when bytes that should be a Bitcoin transaction, block or script are not: what was being read
/// and where, so the message points at the bad data.
public struct BitcoinDecodingError: ChainETLError, Equatable {
    /// What was being read ("transaction input count", "block header").
    public var field: String
    /// Byte offset where reading failed.
    public var offset: Int

    public init(field: String, offset: Int) {
        self.field = field
        self.offset = offset
    }

    public var exitStatus: ExitStatus { .failure }

    public var description: String {
        "cannot decode Bitcoin data: \(field) at byte \(offset) is truncated or malformed; "
            + "check that CHAIN matches the node and that the node's answer was complete"
    }
}
