public import Logging

/// Everything one `wallet-stats` batch run does, from configuration to summary line, so the executable stays a
/// thin command-line shell and tests run the same path in-process: connect, migrate, take the lock, record the
/// run in `etl.job_runs`, update, print one summary line.
public enum WalletStatsJob {
    /// The tool's name: its lock, its `etl.job_runs` rows, its log label.
    public static let tool = "wallet-stats"

    /// Opens the analytics database and applies the migrations this tool needs. Every subcommand starts here;
    /// the batch step (`migrating: false`) applies them itself once it holds the tool's lock.
    public static func connect(
        configuration: Configuration, logger: Logger, migrating: Bool = true
    ) throws -> PostgresConnection {
        let connection = try PostgresConnection(
            connectionString: configuration.databaseURL, applicationName: "chain-etl \(tool)", logger: logger)
        if migrating { try migrate(connection, logger: logger) }
        // A run's working sets (the window's ledger rows and touched addresses) live in temporary tables; at the
        // default 8 MB an hourly run's spill to disk and back. Only settable before the session's first temp table.
        try connection.setForSession("SET temp_buffers = '256MB'")
        return connection
    }

    /// Applies the tool's migrations; the batch step and the label import call it holding the tool's lock.
    static func migrate(_ connection: PostgresConnection, logger: Logger) throws {
        let applied = try MigrationRunner(connection: connection, logger: logger).apply(WalletStatsSchema.requiredTracks)
        try DatabaseCollation.warnIfSlow(after: applied, on: connection, logger: logger)
    }

    /// Runs the batch step.
    /// - Parameters:
    ///   - drawsProgress: whether to show the current step on stderr (a terminal); the summary line is printed anyway.
    ///   - printSummary: where the summary line goes (stdout in the tool).
    public static func run(
        configuration: Configuration, options: WalletStatsOptions, logger: Logger,
        drawsProgress: Bool = ProgressReporter.standardErrorIsTerminal,
        printSummary: @escaping @Sendable (String) -> Void = { print($0) }
    ) throws -> WalletStatsSummary {
        let startedAt = ContinuousClock.now
        let connection = try connect(configuration: configuration, logger: logger, migrating: false)
        let updater = WalletStatsUpdater(
            connection: connection, addressDailyDays: configuration.addressDailyDays,
            defaultThresholds: BalanceThresholdLadder.defaults(for: configuration.chain).baseUnitThresholds,
            logger: logger
        ) { step in
            if drawsProgress { StandardErrorStream.shared.drawStatusLine("\(tool): \(step)...") }
        }
        let summary = try ToolRun.perform(
            tool: tool, lockConnection: connection, jobsConnection: connection, logger: logger,
            reconnecting: options.reconnectPolicy,
            migrate: { try migrate(connection, logger: logger) }
        ) { () throws -> (WalletStatsSummary, JobRunOutcome) in
            let summary = try updater.run(options: options)
            let outcome = JobRunOutcome.success(
                rowsIn: Int64(summary.mode == .rebuilt ? summary.blocksJoined : summary.movements),
                rowsOut: Int64(summary.addressesChanged),
                fromHeight: summary.lowestHeight, toHeight: summary.highestHeight)
            return (summary, outcome)
        }
        let range = summary.lowestHeight.flatMap { low in summary.highestHeight.map { Int(low)...Int($0) } }
        let reporter = ProgressReporter(
            tool: tool, range: range, drawsProgress: drawsProgress, printSummary: printSummary, startedAt: startedAt)
        reporter.finish(completed: summary.blocksJoined + summary.blocksLeft, details: details(of: summary))
        return summary
    }

    /// The parenthesised counts of the summary line.
    static func details(of summary: WalletStatsSummary) -> [(count: Int, unit: String)] {
        var details: [(count: Int, unit: String)] = []
        switch summary.mode {
        case .rebuilt:
            details.append((summary.addressesChanged, "addresses rebuilt"))
        case .applied:
            if summary.blocksLeft > 0 { details.append((summary.blocksLeft, "left")) }
            details.append((summary.movements, "movements"))
            details.append((summary.addressesChanged, "addresses changed"))
        case .upToDate:
            break
        }
        details.append((summary.nonemptyAddresses, "non-empty addresses"))
        return details
    }
}
