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
    ///   - reconnecting: when given, a run whose `lockConnection` or `jobsConnection` drops (server restart,
    ///     network cut, terminated session) reconnects (each time within this policy's budget, at most
    ///     `maxAttempts - 1` times a run), takes the lock again and calls `body` again, which must then continue
    ///     from what was committed (every tool's work resumes from its cursor).
    ///     Should another run have taken the lock meanwhile, this one ends with `LockTakenOverError`.
    ///   - body: the work; returns its result and the outcome to record.
    public static func perform<Result>(
        tool: String,
        lockConnection: PostgresConnection,
        jobsConnection: PostgresConnection,
        logger: Logger,
        reconnecting policy: RetryPolicy? = nil,
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
        // Each reconnection has the policy's whole budget; the run gives up after as many losses as attempts.
        var losses = 0
        var finished: (result: Result, outcome: JobRunOutcome)?
        while finished == nil {
            do {
                finished = try body()
            } catch {
                // Only the end of a session is worth a new one: an error that closed the connection for any other
                // reason (a transaction or idle timeout the server enforces) would end the next session the same way.
                let dropped = (!lockConnection.isOpen || !jobsConnection.isOpen) && Self.isEndOfSession(error)
                guard let policy, dropped, losses + 1 < policy.maxAttempts else {
                    // A dropped connection is opened once more, so the failure is recorded all the same.
                    try? reconnectIfDropped([jobsConnection], logger: logger)
                    recordFailure(run, error, on: jobsConnection, logger: logger)
                    throw error
                }
                losses += 1
                logger.warning("""
                    the connection to the database was lost (\(error)); reconnecting and continuing from the last \
                    commit (reconnection \(losses) of at most \(policy.maxAttempts - 1))
                    """)
                do {
                    try reopen(lockConnection, jobsConnection, lock: lock, tool: tool, policy: policy, logger: logger)
                } catch let takenOver as LockTakenOverError {
                    // The other run now holds the lock and does the work: this row ends as a busy one.
                    record(run, JobRunOutcome(status: .busy, error: takenOver.description), on: jobsConnection, logger: logger)
                    throw takenOver
                } catch let reconnectError {
                    recordFailure(run, reconnectError, on: jobsConnection, logger: logger)
                    throw reconnectError
                }
            }
        }
        guard let finished else { preconditionFailure("the loop ends only with a result") }
        // The work is done and committed: only the row is left, so a drop now is retried for the row alone.
        try retrying(policy ?? .never, logger: logger, "recording the run in etl.job_runs") {
            try reconnectIfDropped([jobsConnection], logger: logger)
            try JobRuns.finish(run, finished.outcome, on: jobsConnection)
        }
        return finished.result
    }

    /// Whether `error` says the session itself ended (network, server restart or shutdown, a terminated
    /// backend), as opposed to the server ending it for what the session did.
    private static func isEndOfSession(_ error: any Error) -> Bool {
        guard let error = error as? PostgresError else { return false }
        return error.kind == .connectionLost || SQLState.isEndOfSession(error.sqlState)
    }

    /// Opens the dropped connections again within `policy` and takes the lock again on a reopened lock session
    /// (one that kept its lock, when only the jobs connection dropped, must not take it twice; one reopened again
    /// while the lock is being taken must take it before any work). Throws `LockTakenOverError` when another run
    /// took the lock meanwhile.
    private static func reopen(
        _ lockConnection: PostgresConnection, _ jobsConnection: PostgresConnection, lock: ToolLock, tool: String,
        policy: RetryPolicy, logger: Logger
    ) throws {
        var holdsLock = lockConnection.isOpen
        let locked = try retrying(policy, logger: logger, "reconnecting to \(lockConnection.location)") {
            () throws -> Bool in
            if !lockConnection.isOpen { holdsLock = false }
            try reconnectIfDropped([lockConnection, jobsConnection], logger: logger)
            if !holdsLock { holdsLock = try lockConnection.tryAdvisoryLock(lock.key) }
            return holdsLock
        }
        guard locked else { throw LockTakenOverError(tool: tool, location: lockConnection.location) }
    }

    /// Opens again each of `connections` that is no longer open (one may appear twice).
    private static func reconnectIfDropped(_ connections: [PostgresConnection], logger: Logger) throws {
        for connection in connections where !connection.isOpen {
            try connection.reconnect()
            logger.notice("reconnected to \(connection.location)")
        }
    }

    /// Records the failed run, or warns that it could not (the database may be the reason the run failed).
    private static func recordFailure(_ run: JobRun, _ error: any Error, on connection: PostgresConnection, logger: Logger) {
        record(run, .failure(error), on: connection, logger: logger)
    }

    /// Records how the run ended, or warns that it could not.
    private static func record(_ run: JobRun, _ outcome: JobRunOutcome, on connection: PostgresConnection, logger: Logger) {
        do {
            try JobRuns.finish(run, outcome, on: connection)
        } catch let recordError {
            logger.warning("could not record the run's end in etl.job_runs: \(recordError)")
        }
    }
}
