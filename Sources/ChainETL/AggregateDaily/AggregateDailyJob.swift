public import Logging

/// Everything one `aggregate-daily` invocation does, from configuration to summary line, so the executable stays
/// a thin command-line shell and tests run the same path in-process.
///
/// The whole recomputation and the cursor commit in one REPEATABLE READ transaction: every statement sees the
/// same snapshot of `chain.*` even while `copy-raw` writes, readers never see a half-written day, and a run
/// killed at any moment leaves the statistics and the cursor as the last finished run left them.
public enum AggregateDailyJob {
    /// The tool's name: its lock, its `etl.job_runs` rows and its cursor in `etl.cursors`.
    public static let tool = "aggregate-daily"
    /// Its position in `chain.block_changes`.
    public static let cursor = ConsumerCursor(consumer: tool)

    /// Connects, takes the lock, applies migrations, recomputes what `options` asks for, and records the run.
    ///
    /// - Parameters:
    ///   - drawsProgress: whether to redraw a progress line (a terminal); the summary line is printed anyway.
    ///   - printSummary: where the summary line goes (stdout in the tool).
    public static func run(
        configuration: Configuration, options: AggregateDailyOptions, logger: Logger,
        drawsProgress: Bool = ProgressReporter.standardErrorIsTerminal,
        printSummary: @escaping @Sendable (String) -> Void = { print($0) }
    ) throws -> AggregateDailySummary {
        let connection = try PostgresConnection(
            connectionString: configuration.databaseURL, applicationName: "chain-etl \(tool)", logger: logger)
        // Each statement reads a few hundred rows by key, but right after a bulk load the planner's estimates
        // are far too high and it would spend ~50 ms per statement compiling them with JIT.
        try connection.setForSession("SET jit = off")

        let startedAt = ContinuousClock.now
        var reporter: ProgressReporter?
        let summary = try ToolRun.perform(
            tool: tool, lockConnection: connection, jobsConnection: connection, logger: logger,
            reconnecting: options.reconnectPolicy,
            migrate: {
                let applied = try MigrationRunner(connection: connection, logger: logger)
                    .apply([CoreMigrations.track, ChainSchema.track, AggregateDailySchema.track])
                try DatabaseCollation.warnIfSlow(after: applied, on: connection, logger: logger)
            }
        ) { () throws -> (AggregateDailySummary, JobRunOutcome) in
            let summary = try connection.retryingTransaction(
                isolation: .repeatableRead, policy: options.transactionRetry
            ) { connection in
                try recompute(options: options, on: connection, logger: logger) { plan in
                    reporter = ProgressReporter(
                        tool: tool, range: plan.blockHeights.map { Int($0.lowerBound)...Int($0.upperBound) },
                        drawsProgress: drawsProgress, printSummary: printSummary, startedAt: startedAt)
                } progress: { height, done in
                    reporter?.update(position: Int(height), completed: Int(done))
                }
            }
            let outcome = JobRunOutcome.success(
                rowsIn: summary.changesApplied, rowsOut: Int64(summary.rowsWritten),
                fromHeight: summary.blockHeights?.lowerBound, toHeight: summary.blockHeights?.upperBound)
            return (summary, outcome)
        }
        let finalReporter = reporter ?? ProgressReporter(
            tool: tool, range: nil, drawsProgress: drawsProgress, printSummary: printSummary, startedAt: startedAt)
        var details: [(count: Int, unit: String)] = [(summary.daysRecomputed, "days")]
        if summary.changesApplied > 0 { details.append((Int(summary.changesApplied), "changes")) }
        details.append((summary.rowsWritten, "rows written"))
        finalReporter.finish(completed: summary.blocksRecomputed, details: details)
        return summary
    }

    /// One attempt of the run's transaction: plan from the cursor and the chain, recompute, move the cursor.
    /// `planned` learns the plan before the work starts (to size the progress line).
    static func recompute(
        options: AggregateDailyOptions, on connection: PostgresConnection, logger: Logger,
        planned: (AggregationPlan) -> Void, progress: (_ height: Int64, _ blocksDone: Int64) -> Void
    ) throws -> AggregateDailySummary {
        let aggregator = DailyAggregator(connection: connection, logger: logger)
        let position = try cursor.position(on: connection)
        let extent = try aggregator.readExtent()
        var changes = PendingChanges.none
        let plan: AggregationPlan
        switch options.scope {
        case .changes:
            changes = try aggregator.readPendingChanges(after: position, upTo: extent.lastSequence)
            plan = AggregationPlan.forChanges(
                changes, cursor: position, extent: extent, lastStoredDay: try aggregator.readLastStoredDay())
        case .full:
            changes = try aggregator.readPendingChanges(after: position, upTo: extent.lastSequence)
            plan = AggregationPlan.full(extent: extent)
        case .days(let from, let to):
            var heights: ClosedRange<Int64>?
            if let chainDays = extent.days {
                let first = from ?? chainDays.lowerBound, last = to ?? chainDays.upperBound
                if first <= last { heights = try aggregator.heights(ofDays: first...last) }
            }
            plan = AggregationPlan.forDays(from: from, to: to, heightsOfDays: heights, extent: extent)
        }
        if plan.restartsAfterLogReset {
            logger.notice("the block change log ends below this tool's cursor (was copy-raw rebuilt?): recomputing everything",
                          metadata: ["cursor": "\(position)", "last_sequence": "\(extent.lastSequence)"])
        }
        planned(plan)
        var summary = AggregateDailySummary()
        summary.rowsWritten = try aggregator.apply(
            plan, extent: extent, blocksPerStatement: options.blocksPerStatement, progress: progress)
        if let target = plan.cursorTarget, target != position {
            try cursor.advance(to: target, on: connection)
        }
        summary.changesApplied = plan.cursorTarget == nil ? 0 : changes.count
        summary.blockHeights = plan.blockHeights
        summary.days = plan.days
        summary.allBuckets = plan.allBuckets
        summary.recomputedMovingWindows = plan.recomputesMovingWindows
        summary.cursor = plan.cursorTarget ?? position
        summary.restartedAfterLogReset = plan.restartsAfterLogReset
        return summary
    }
}
