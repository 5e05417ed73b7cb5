/// How a chain's coin amounts become base units: its decimals and the largest amount one output may hold.
/// One value carried through row derivation so no step hard-codes Bitcoin's 8 decimals.
public struct AmountRules: Sendable, Equatable {
    /// Decimals of one coin in base units (8 for Bitcoin and its forks).
    public var decimals: Int
    /// The largest amount a single output may carry, in base units (`nil`: only the 64-bit limit).
    public var maximum: Int64?

    public init(decimals: Int = 8, maximum: Int64? = nil) {
        self.decimals = decimals
        self.maximum = maximum
    }

    /// The rules of the chain `parameters` describe.
    public init(parameters: ChainParameters) {
        self.init(decimals: parameters.coinDecimals)
    }

    /// `amount` in base units, or the error that names the block and field, so a bad amount is quarantined
    /// with a reason instead of being rounded.
    func baseUnits(of amount: NodeAmount, field: @autoclosure () -> String, block: VerboseNodeBlock) throws(NodeDataError) -> Int64 {
        do {
            return try amount.baseUnits(decimals: decimals, maximum: maximum)
        } catch {
            throw NodeDataError(height: block.height, hash: block.hash, field: field(), problem: error.description)
        }
    }
}
