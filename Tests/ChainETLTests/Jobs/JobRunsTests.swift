import ChainETL
import Logging
import Testing
import TestSupport

/// etl.job_runs: start, finish, abandoned crashed runs, busy runs.
@Suite(.temporaryDatabase) struct JobRunsTests {
    func migratedConnection() throws -> PostgresConnection {
        let connection = try TestDatabase.current.connect()
        try MigrationRunner(connection: connection, logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() })
            .apply(CoreMigrations.track)
        return connection
    }

    @Test func runIsRecordedFromStartToFinish() throws {
        let connection = try migratedConnection()
        try ToolLock.acquire(tool: "scrape", on: connection)
        let run = try JobRuns.start(tool: "scrape", on: connection)
        let started = try connection.query("SELECT status, finished_at IS NULL, pid FROM etl.job_runs WHERE id = $1", [run.id])[0]
        #expect(try started.string(0) == "running")
        #expect(try started.bool(1))
        #expect(try started.int(2) > 0)

        try JobRuns.finish(run, .success(rowsIn: 10, rowsOut: 20, fromHeight: 100, toHeight: 109), on: connection)
        let row = try connection.query("""
            SELECT status, rows_in, rows_out, from_height, to_height, error, finished_at >= started_at
              FROM etl.job_runs WHERE id = $1
            """, [run.id])[0]
        #expect(try row.string(0) == "success")
        #expect(try [row.int64(1), row.int64(2), row.int64(3), row.int64(4)] == [10, 20, 100, 109])
        #expect(try row.decode(String?.self, at: 5) == nil)
        #expect(try row.bool(6))
    }

    @Test func failureTextIsStoredMasked() throws {
        let connection = try migratedConnection()
        let run = try JobRuns.start(tool: "copy-raw", on: connection)
        try JobRuns.finish(run, JobRunOutcome(status: .failure, error: "cannot reach postgresql://me:TopSecret9@db/x"), on: connection)
        let error = try connection.query("SELECT error FROM etl.job_runs WHERE id = $1", [run.id])[0].string(0)
        #expect(!error.contains("TopSecret9"))
        #expect(error.contains("postgresql://me:"))
    }

    @Test func runningRowsOfACrashedRunBecomeAbandoned() throws {
        let connection = try migratedConnection()
        let crashed = try JobRuns.start(tool: "scrape", on: connection)
        let otherTool = try JobRuns.start(tool: "wallet-stats", on: connection)
        let next = try JobRuns.start(tool: "scrape", on: connection)
        let statuses = try connection.query("SELECT id, status FROM etl.job_runs ORDER BY id")
            .map { (try $0.int64(0), try $0.string(1)) }
        #expect(statuses.map(\.0) == [crashed.id, otherTool.id, next.id])
        #expect(statuses.map(\.1) == ["abandoned", "running", "running"])
    }

    @Test func busyRunIsRecordedWithoutTheLock() throws {
        let connection = try migratedConnection()
        let holder = try TestDatabase.current.connect()
        try ToolLock.acquire(tool: "scrape", on: holder)
        #expect(throws: ToolBusyError.self) { try ToolLock.acquire(tool: "scrape", on: connection) }
        let busy = try JobRuns.recordBusy(tool: "scrape", on: connection)
        let row = try connection.query("SELECT status, finished_at IS NOT NULL FROM etl.job_runs WHERE id = $1", [busy.id])[0]
        #expect(try row.string(0) == "busy")
        #expect(try row.bool(1))
    }
}
