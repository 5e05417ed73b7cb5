public import Logging

/// Everything one `build-top10` invocation does, from configuration to summary line, so the executable stays a
/// thin command-line shell and tests (and the hourly-chain test) run the same path in-process.
public enum BuildTop10Job {
    /// The tool's name: its lock, its `etl.job_runs` rows, its summary line.
    public static let tool = "build-top10"

    /// Connects, takes the lock, applies migrations, rebuilds the top tables (and exports them when asked),
    /// records the run in `etl.job_runs` and prints one summary line, e.g.
    /// `build-top10: 1,043 rows (4 tables changed, 12 files) 1300..1300 in 0.3s, 3,476 rows/s`.
    ///
    /// - Parameters:
    ///   - drawsProgress: whether a progress line may be drawn (a terminal); the run is short, so only the
    ///     summary is ever printed, but the parameter keeps every job's shape alike.
    ///   - printSummary: where the summary line goes (stdout in the tool).
    public static func run(
        configuration: Configuration, options: BuildTop10Options, logger: Logger,
        drawsProgress: Bool = ProgressReporter.standardErrorIsTerminal,
        printSummary: @escaping @Sendable (String) -> Void = { print($0) }
    ) throws -> BuildTop10Summary {
        let startedAt = ContinuousClock.now
        let connection = try PostgresConnection(
            connectionString: configuration.databaseURL, applicationName: "chain-etl \(tool)", logger: logger)
        let export = options.exportDirectory.map {
            StatsJSONExport(connection: connection, directory: ExportDirectory(path: $0), chain: configuration.chain,
                            lockTimeoutMilliseconds: options.exportLockTimeoutMilliseconds)
        }

        let summary = try ToolRun.perform(
            tool: tool, lockConnection: connection, jobsConnection: connection, logger: logger,
            reconnecting: options.reconnectPolicy,
            migrate: {
                let applied = try MigrationRunner(connection: connection, logger: logger)
                    .apply([CoreMigrations.track, ChainSchema.track, TopTablesSchema.track])
                try DatabaseCollation.warnIfSlow(after: applied, on: connection, logger: logger)
            }
        ) { () throws -> (BuildTop10Summary, JobRunOutcome) in
            let rebuild = try TopTablesRebuild(connection: connection, topRichestCount: configuration.topRichestN).run()
            if let heldBack = rebuild.heldBack {
                logger.warning("\(heldBack.message)")
            } else {
                if rebuild.blocksBehindChainTip > 0, let height = rebuild.tipHeight, let tip = rebuild.chainTipHeight {
                    logger.notice("""
                        top tables built at height \(height), the last block wallet-stats has counted; the chain's tip \
                        is \(tip): the next wallet-stats and build-top10 runs publish it
                        """)
                }
                logger.info("top tables rebuilt", metadata: [
                    "tip": "\(rebuild.tipHeight.map { String($0) } ?? "none")",
                    "changed": "\(rebuild.changedTables.map(\.name))",
                ])
            }
            let files = try export?.run().map(\.fileName) ?? []
            let summary = BuildTop10Summary(rebuild: rebuild, exportedFiles: files)
            let outcome = JobRunOutcome.success(
                rowsIn: Int64(rebuild.rowsComputed), rowsOut: Int64(rebuild.rowsWritten),
                fromHeight: rebuild.tipHeight, toHeight: rebuild.tipHeight)
            return (summary, outcome)
        }
        let range = summary.rebuild.tipHeight.map { Int($0)...Int($0) }
        ProgressReporter(
            tool: tool, range: range, unit: "rows", drawsProgress: drawsProgress, printSummary: printSummary,
            startedAt: startedAt
        ).finish(completed: summary.rebuild.rowsWritten, details: summary.details)
        return summary
    }
}
