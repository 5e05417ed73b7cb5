public import Logging

/// Everything one `scrape` invocation does, from configuration to summary line, so the executable stays a thin
/// command-line shell and tests can run the same path in-process.
public enum ScrapeJob {
    /// Connects, takes the scrape lock, applies migrations, runs the scraper, and records the run.
    ///
    /// - Parameters:
    ///   - drawsProgress: whether to redraw a progress line (a terminal); the summary line is printed anyway.
    ///   - printSummary: where the summary line goes (stdout in the tool).
    public static func run(
        configuration: Configuration, options: ScrapeOptions, logger: Logger,
        drawsProgress: Bool = ProgressReporter.standardErrorIsTerminal,
        printSummary: @escaping @Sendable (String) -> Void = { print($0) }
    ) throws -> ScrapeSummary {
        let raw = try PostgresConnection(
            connectionString: configuration.rawDatabaseURL, applicationName: "chain-etl scrape", logger: logger)
        let analytics = configuration.databaseURL == configuration.rawDatabaseURL
            ? raw
            : try PostgresConnection(
                connectionString: configuration.databaseURL, applicationName: "chain-etl scrape", logger: logger)

        let endpoint = try NodeEndpoint(rpcURL: configuration.nodeRPCURL, cookieFile: configuration.nodeRPCCookieFile)
        let factory = NodeBlockSourceFactory(
            endpoint: endpoint, chain: configuration.chain, requestTimeout: .seconds(configuration.nodeRPCTimeoutSeconds),
            retryPolicy: options.retryPolicy, checks: BlockChecks(), logger: logger)

        let startedAt = ContinuousClock.now
        var reporter: ProgressReporter?
        var earlierScraper: Scraper?
        let summary = try ToolRun.perform(
            tool: "scrape", lockConnection: raw, jobsConnection: analytics, logger: logger,
            reconnecting: options.reconnectPolicy,
            migrate: {
                try MigrationRunner(connection: raw, logger: logger).apply([CoreMigrations.track, LandingZoneSchema.track])
                if analytics !== raw {
                    try MigrationRunner(connection: analytics, logger: logger).apply([CoreMigrations.track])
                }
            }
        ) { () throws -> (ScrapeSummary, JobRunOutcome) in
            // Called again after a lost connection: the same scraper runs another round, which reconciles with
            // the landing zone as it was committed and keeps counting.
            let scraper = try earlierScraper ?? Scraper(
                connection: raw, source: try factory.makeNodeSource(), factory: factory, options: options,
                logger: logger
            ) { progress in
                guard let first = progress.firstHeight, let last = progress.lastHeight else { return }
                if reporter == nil {
                    let target = max(progress.targetHeight ?? last, last)
                    reporter = ProgressReporter(
                        tool: "scrape", range: Int(first)...Int(target), drawsProgress: drawsProgress,
                        printSummary: printSummary, startedAt: startedAt)
                }
                reporter?.update(position: Int(last), completed: progress.blocksLanded)
            }
            earlierScraper = scraper
            let summary = try scraper.run()
            let outcome = JobRunOutcome.success(
                rowsIn: Int64(summary.blocksLanded), rowsOut: Int64(summary.transactionsLanded),
                fromHeight: summary.firstHeight, toHeight: summary.lastHeight)
            return (summary, outcome)
        }
        let finalReporter = reporter ?? ProgressReporter(
            tool: "scrape", range: nil, drawsProgress: drawsProgress, printSummary: printSummary, startedAt: startedAt)
        var details: [(count: Int, unit: String)] = [(summary.transactionsLanded, "tx")]
        if !summary.reorgDepths.isEmpty { details.append((summary.reorgDepths.count, "reorgs")) }
        if summary.gapBlocksFilled > 0 { details.append((summary.gapBlocksFilled, "gap blocks")) }
        if summary.blocksRefreshed > 0 { details.append((summary.blocksRefreshed, "refreshed")) }
        finalReporter.finish(completed: summary.blocksLanded, details: details)
        return summary
    }
}
