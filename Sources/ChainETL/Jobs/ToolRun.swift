public import Logging

/// The frame every tool's batch step runs in, so each tool keeps the same promises: one run at a time per
/// database (advisory lock; a second run records `busy` and changes nothing), a row in `etl.job_runs` telling how
/// the run ended, and the lock released when the run ends or its process dies.
public enum ToolRun {
    /// Runs `body` holding `tool`'s lock on `lockConnection` and records the run on `jobsConnection`.
    ///
    /// - Parameters:
    ///   - lockConnection: the database the tool writes; the lock lives as long as this connection.
    ///   - jobsConnection: the analytics database, where `etl.job_runs` lives (may be the same connection).
    ///   - migrate: applies the tool's migrations once the lock is held, before the run is recorded, so a run
    ///     that finds the tool busy has changed nothing, not even the schema under the run holding the lock.
    ///   - body: the work; returns its result and the outcome to record.
    public static func perform<Result>(
        tool: String,
        lockConnection: PostgresConnection,
        jobsConnection: PostgresConnection,
        logger: Logger,
        migrate: () throws -> Void = {},
        _ body: () throws -> (Result, JobRunOutcome)
    ) throws -> Result {
        let lock: ToolLock
        do {
            lock = try ToolLock.acquire(tool: tool, on: lockConnection)
        } catch let busy as ToolBusyError {
            do {
                try JobRuns.createTableIfMissing(on: jobsConnection, logger: logger)
                try JobRuns.recordBusy(tool: tool, on: jobsConnection)
            } catch {
                logger.warning("could not record the busy run in etl.job_runs: \(error)")
            }
            throw busy
        }
        defer { try? lock.release(on: lockConnection) }
        try migrate()
        let run = try JobRuns.start(tool: tool, on: jobsConnection)
        do {
            let (result, outcome) = try body()
            try JobRuns.finish(run, outcome, on: jobsConnection)
            return result
        } catch {
            do {
                try JobRuns.finish(run, .failure(error), on: jobsConnection)
            } catch let recordError {
                logger.warning("could not record the failed run in etl.job_runs: \(recordError)")
            }
            throw error
        }
    }
}
