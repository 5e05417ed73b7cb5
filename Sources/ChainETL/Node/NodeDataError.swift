/// The node sent something the product refuses to store: a field missing or of the wrong type, an amount
/// that is not an exact non-negative number of base units, or a block that does not fit the chain.
///
/// Nothing of the block is committed when this is thrown; the message names the block and the field so the
/// operator can compare with the node by hand.
public struct NodeDataError: ChainETLError, Equatable {
    /// The height the block was requested for.
    public var height: Int64
    /// The block hash, when known.
    public var hash: String?
    /// Where in the answer, e.g. `tx[3].vout[1].value`; empty for the block as a whole.
    public var field: String
    /// What is wrong with it.
    public var problem: String

    public init(height: Int64, hash: String?, field: String, problem: String) {
        self.height = height
        self.hash = hash
        self.field = field
        self.problem = problem
    }

    public var exitStatus: ExitStatus { .failure }

    public var description: String {
        let block = hash.map { "block \(height) (\($0))" } ?? "block \(height)"
        let place = field.isEmpty ? "" : " field \(field):"
        return "the node sent bad data for \(block):\(place) \(problem); nothing of this block was stored. "
            + "Check the node (its version and chain settings) and run again."
    }
}
