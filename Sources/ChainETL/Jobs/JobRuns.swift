import Foundation
public import Logging

/// Writes the run history in `etl.job_runs` (created by the `etl` migration track), so operators can see
/// when each tool ran, how much it did and why it failed, without reading cron mail.
///
/// Each call commits on its own (it must not be inside a caller's transaction), so a crash mid-run leaves a
/// visible `running` row, which the next run that holds the tool lock marks `abandoned`.
public enum JobRuns {
    /// Records the start of a run of `tool` and returns its row id. The caller MUST hold the tool's lock
    /// (`ToolLock.acquire`): only then is every other `running` row of the tool a crashed run, which this marks
    /// `abandoned` in the same transaction.
    public static func start(tool: String, on connection: PostgresConnection) throws -> JobRun {
        try connection.transaction { connection in
            try connection.execute("""
                UPDATE etl.job_runs
                   SET status = 'abandoned', finished_at = clock_timestamp(),
                       error = coalesce(error, 'the run ended without recording an outcome (crashed or killed)')
                 WHERE tool = $1 AND status = 'running'
                """, [tool])
            let id = try connection.query("""
                INSERT INTO etl.job_runs (tool, started_at, status, host, pid)
                VALUES ($1, clock_timestamp(), 'running', $2, $3) RETURNING id
                """, [tool, ProcessInfo.processInfo.hostName, Int32(ProcessInfo.processInfo.processIdentifier)])[0].int64(0)
            return JobRun(id: id, tool: tool)
        }
    }

    /// Records how `run` ended. Runs as its own statement, so call it after the run's last transaction.
    public static func finish(_ run: JobRun, _ outcome: JobRunOutcome, on connection: PostgresConnection) throws {
        try connection.execute("""
            UPDATE etl.job_runs
               SET status = $2, finished_at = clock_timestamp(), rows_in = $3, rows_out = $4,
                   from_height = $5, to_height = $6, error = $7
             WHERE id = $1
            """, [run.id, outcome.status.rawValue, outcome.rowsIn, outcome.rowsOut, outcome.fromHeight,
                  outcome.toHeight, outcome.error.map(SecretMasking.masked)])
    }

    /// Creates `etl.job_runs` (the `etl` track) on a database that has none yet, and applies nothing on any
    /// other: a run that found its tool busy on a fresh database (two first runs started together) can then
    /// leave its row too, while on a prepared one a pending migration never runs beside the run holding the lock.
    public static func createTableIfMissing(on connection: PostgresConnection, logger: Logger) throws {
        guard try !connection.query("SELECT to_regclass('etl.job_runs') IS NOT NULL")[0].bool(0) else { return }
        try MigrationRunner(connection: connection, logger: logger).apply([CoreMigrations.track])
    }

    /// Records a run that found the tool busy. Needs no lock (it touches no other row), so a run that could
    /// not get the lock can still leave a trace.
    @discardableResult
    public static func recordBusy(tool: String, on connection: PostgresConnection) throws -> JobRun {
        let id = try connection.query("""
            INSERT INTO etl.job_runs (tool, started_at, finished_at, status, host, pid, error)
            VALUES ($1, clock_timestamp(), clock_timestamp(), 'busy', $2, $3, $4) RETURNING id
            """, [tool, ProcessInfo.processInfo.hostName, Int32(ProcessInfo.processInfo.processIdentifier),
                  "another run held the lock"])[0].int64(0)
        return JobRun(id: id, tool: tool)
    }
}

/// A row of `etl.job_runs` this process started.
public struct JobRun: Sendable, Equatable {
    /// The row's id.
    public let id: Int64
    /// The tool it belongs to.
    public let tool: String
}
