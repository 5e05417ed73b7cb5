extension ChainParameters {
    /// The node's `MAX_MONEY` in base units: no single output (nor a transaction's total) may exceed it, so a
    /// larger amount means corrupt data. Dogecoin has no cap on supply; its node uses 10 billion coins.
    public var maximumMoney: Int64 {
        switch chain {
        case .litecoin: return 84_000_000 * 100_000_000
        case .dogecoin: return 10_000_000_000 * 100_000_000
        default: return 21_000_000 * 100_000_000
        }
    }
}
