/// How one `wallet-stats` run works, beyond the configuration.
public struct WalletStatsOptions: Sendable, Equatable {
    /// Recompute everything from the ledger instead of applying the changes since the cursor.
    public var full = false

    /// The defaults: apply what changed since the last run.
    public init(full: Bool = false) {
        self.full = full
    }
}
