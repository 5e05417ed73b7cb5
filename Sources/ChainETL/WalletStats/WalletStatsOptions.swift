/// How one `wallet-stats` run works, beyond the configuration.
public struct WalletStatsOptions: Sendable, Equatable {
    /// Recompute everything from the ledger instead of applying the changes since the cursor.
    public var full = false
    /// How a database session that drops mid-run is reconnected before the run is given up (the run's one
    /// transaction then runs again from the start).
    public var reconnectPolicy = RetryPolicy.reconnecting

    /// The defaults: apply what changed since the last run.
    public init(full: Bool = false) {
        self.full = full
    }
}
