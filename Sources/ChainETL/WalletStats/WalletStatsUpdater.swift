public import Logging

/// One `wallet-stats` run inside one transaction: apply the block changes since the cursor (or rebuild from the
/// ledger), move the daily window, rebuild the distributions, advance the cursor, commit. A kill at any moment
/// leaves the previous state whole; the statistics never get ahead of or behind their cursor.
public struct WalletStatsUpdater {
    /// The position in `chain.block_changes` this tool keeps.
    public static let cursor = ConsumerCursor(consumer: "wallet-stats")

    private let connection: PostgresConnection
    private let addressDailyDays: Int
    private let defaultThresholds: [Int64]
    private let logger: Logger
    private let step: (String) -> Void

    /// An updater on `connection` (applied migrations, not in a transaction).
    /// - Parameters:
    ///   - addressDailyDays: ADDRESS_DAILY_DAYS.
    ///   - defaultThresholds: the chain's threshold ladder in base units.
    ///   - step: told the name of each step as it starts (for a progress line).
    public init(connection: PostgresConnection, addressDailyDays: Int, defaultThresholds: [Int64], logger: Logger,
                step: @escaping (String) -> Void = { _ in }) {
        self.connection = connection
        self.addressDailyDays = addressDailyDays
        self.defaultThresholds = defaultThresholds
        self.logger = logger
        self.step = step
    }

    /// Runs and commits. REPEATABLE READ: the change log and `chain.*` are read from one snapshot, so the
    /// changes applied are exactly those the chain tables reflect, even if copy-raw commits meanwhile.
    public func run(options: WalletStatsOptions) throws -> WalletStatsSummary {
        try connection.retryingTransaction(isolation: .repeatableRead) { _ in
            try update(full: options.full)
        }
    }

    private func update(full: Bool) throws -> WalletStatsSummary {
        let clock = ContinuousClock()
        let started = clock.now
        var summary = WalletStatsSummary()
        let position = try Self.cursor.position(on: connection)
        let last = try connection.query("SELECT coalesce(max(sequence), 0) FROM chain.block_changes")[0].int64(0)
        summary.cursor = last
        let window = AddressDailyWindow(connection: connection, days: addressDailyDays)
        if full || position == 0 || position > last {
            if position > last {
                logger.notice("chain.block_changes is behind this tool's cursor (was the chain rebuilt?); rebuilding",
                              metadata: ["cursor": "\(position)", "last_change": "\(last)"])
            }
            step("rebuilding from the ledger")
            let counts = try FullRebuild(connection: connection).run()
            summary.mode = .rebuilt
            summary.blocksJoined = counts.blocks
            summary.addressesChanged = counts.addresses
            summary.lowestHeight = counts.tipHeight == nil ? nil : 0
            summary.highestHeight = counts.tipHeight
        } else if last > position {
            try apply(after: position, through: last, window: window, into: &summary)
        }
        step("moving the daily window")
        try window.move(to: try window.firstDay())
        summary.updateDuration = clock.now - started

        step("rebuilding distributions")
        let distributionStart = clock.now
        summary.distributionsChanged = try BalanceDistributions(
            connection: connection, defaultThresholds: defaultThresholds).rebuildAll()
        summary.distributionDuration = clock.now - distributionStart

        if last != position { try Self.cursor.advance(to: last, on: connection) }
        // The latest day counts every address and every balance as they are now: no scan of address_stats needed.
        let totals = try connection.query(
            "SELECT total_addresses, nonempty_addresses FROM stats.daily_addresses ORDER BY day DESC LIMIT 1")
        summary.addresses = try totals.first?.int(0) ?? 0
        summary.nonemptyAddresses = try totals.first?.int(1) ?? 0
        logger.info("wallet-stats run", metadata: [
            "mode": "\(summary.mode.rawValue)", "cursor": "\(position)->\(last)",
            "update_seconds": "\(ProgressFormat.seconds(summary.updateDuration))",
            "distribution_seconds": "\(ProgressFormat.seconds(summary.distributionDuration))",
        ])
        return summary
    }

    /// Applies the changes with sequence in (position, last].
    private func apply(after position: Int64, through last: Int64, window: AddressDailyWindow,
                       into summary: inout WalletStatsSummary) throws {
        step("reading block changes")
        let blocks = try BlockChangeWindow(connection: connection).stage(after: position, through: last)
        summary.mode = .applied
        summary.blocksJoined = blocks.joined
        summary.blocksLeft = blocks.left
        summary.lowestHeight = blocks.lowestHeight
        summary.highestHeight = blocks.highestHeight
        step("applying \(blocks.joined + blocks.left) blocks")
        let delta = try LedgerDelta(connection: connection)
            .stage(lowestHeight: blocks.lowestHeight, highestHeight: blocks.highestHeight)
        summary.movements = delta.movements
        let stored = try connection.query(
            "SELECT reltuples::float8 FROM pg_class WHERE oid = 'stats.address_stats'::regclass")[0].decode(Double.self, at: 0)
        let readsByKey = AddressStatsUpdate.readsByKey(touched: delta.addresses, stored: stored)
        summary.addressesChanged = try AddressStatsUpdate(connection: connection, readsByKey: readsByKey).apply()
        try TouchedAddressDays(connection: connection).stage()
        try DailyAddressCorrection(connection: connection).apply()
        try window.replaceTouchedRows(windowStart: try window.firstDay())
    }
}
