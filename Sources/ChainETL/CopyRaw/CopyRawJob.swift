public import Logging

/// Everything one `copy-raw` invocation does, from configuration to summary line, so the executable stays a thin
/// command-line shell and tests run the same path in-process.
public enum CopyRawJob {
    /// Connects to both databases, takes the copy-raw lock on the analytics database, applies migrations,
    /// copies, and records the run.
    ///
    /// - Parameters:
    ///   - drawsProgress: whether to redraw a progress line (a terminal); the summary line is printed anyway.
    ///   - printSummary: where the summary line goes (stdout in the tool).
    public static func run(
        configuration: Configuration, options: CopyRawOptions, logger: Logger,
        drawsProgress: Bool = ProgressReporter.standardErrorIsTerminal,
        printSummary: @escaping @Sendable (String) -> Void = { print($0) }
    ) throws -> CopyRawSummary {
        let analytics = try PostgresConnection(
            connectionString: configuration.databaseURL, applicationName: "chain-etl copy-raw", logger: logger)
        let raw = try RawDatabaseReader(
            connectionString: configuration.rawDatabaseURL, retryPolicy: options.retryPolicy, logger: logger)
        // Every statement works on one batch by key; JIT would only add its compile time to each of them. The
        // staging tables of a batch (about 10 MB of inputs) would overflow the default 8 MB of temp_buffers
        // and be written to disk and read back within the statement that fills them. Each input spends its
        // own output, so a memoize cache in front of the output probes never hits (measured: 0 hits in 37,487
        // probes of a batch, which took 5-10 % longer with it).
        try analytics.setForSession("SET jit = off; SET temp_buffers = '64MB'; SET enable_memoize = off")

        let startedAt = ContinuousClock.now
        var reporter: ProgressReporter?
        var committed = CopyRawSummary()
        var remaining = options
        let summary = try ToolRun.perform(
            tool: "copy-raw", lockConnection: analytics, jobsConnection: analytics, logger: logger,
            reconnecting: options.reconnectPolicy,
            migrate: {
                try raw.withConnection("migrating the raw database") { connection in
                    try MigrationRunner(connection: connection, logger: logger)
                        .apply([CoreMigrations.track, LandingZoneSchema.track])
                }
                let applied = try MigrationRunner(connection: analytics, logger: logger)
                    .apply([CoreMigrations.track, ChainSchema.track])
                try DatabaseCollation.warnIfSlow(after: applied, on: analytics, logger: logger)
            }
        ) { () throws -> (CopyRawSummary, JobRunOutcome) in
            // Called again after a lost connection: the copy continues from the cursor, counting on from what the
            // earlier attempts committed, and a rebuild whose emptying committed is not emptied again.
            var copier = try RawCopier(
                analytics: analytics, raw: raw, options: remaining, parameters: configuration.chain.parameters,
                logger: logger, continuing: committed
            ) { progress in
                if reporter == nil {
                    let first = Int(progress.firstHeight)
                    reporter = ProgressReporter(
                        tool: "copy-raw", range: first...max(first, Int(progress.targetHeight ?? progress.height)),
                        drawsProgress: drawsProgress, printSummary: printSummary, startedAt: startedAt)
                }
                reporter?.update(position: Int(progress.height), completed: progress.blocksCopied)
            }
            let summary: CopyRawSummary
            do {
                summary = try copier.run()
            } catch {
                committed = copier.summary
                if copier.hasEmptiedChainTables { remaining.rebuild = false }
                throw error
            }
            let outcome = JobRunOutcome.success(
                rowsIn: Int64(summary.blocksCopied + summary.blocksRemoved), rowsOut: Int64(summary.transactionsCopied),
                fromHeight: summary.firstHeight, toHeight: summary.lastHeight)
            return (summary, outcome)
        }
        let finalReporter = reporter ?? ProgressReporter(
            tool: "copy-raw", range: nil, drawsProgress: drawsProgress, printSummary: printSummary, startedAt: startedAt)
        var details: [(count: Int, unit: String)] = [(summary.transactionsCopied, "tx")]
        if summary.blocksRemoved > 0 { details.append((summary.blocksRemoved, "blocks removed by reorgs")) }
        if summary.blocksPruned > 0 { details.append((summary.blocksPruned, "landed blocks pruned")) }
        finalReporter.finish(completed: summary.blocksCopied, details: details)
        return summary
    }
}
