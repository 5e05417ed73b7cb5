/// One entry of `raw.chain_events`: a block joined or left the landing zone's best chain. copy-raw replays these
/// in sequence order, so each change reaches the analytics tables exactly once.
public struct ChainEvent: Sendable, Equatable {
    /// Whether the block joined or left the best chain.
    public enum Change: String, Sendable {
        case joined
        case left
    }

    public var sequence: Int64
    public var change: Change
    public var height: Int64
    public var hash: String

    public init(sequence: Int64, change: Change, height: Int64, hash: String) {
        self.sequence = sequence
        self.change = change
        self.height = height
        self.hash = hash
    }
}
