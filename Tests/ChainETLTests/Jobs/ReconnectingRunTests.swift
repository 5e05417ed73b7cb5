import Foundation
import ChainETL
import Logging
import Testing
import TestSupport

/// `ToolRun.perform(reconnecting:)`: a run whose connection drops opens it again, takes its lock again and calls
/// its work again; it stops with the "busy" code when another run took the lock in the gap.
@Suite(.temporaryDatabase) struct ReconnectingRunTests {
    private let logger = Logger(label: "reconnecting") { _ in SwiftLogNoOpLogHandler() }
    private let policy = QuietScrape.fastRetries

    /// `ToolRun.perform` of the test tool on `lock` (and `jobs`, the same by default), with the test's budget
    /// unless `reconnecting` is false; the `etl` migrations are applied first.
    private func perform<Value>(
        on lock: PostgresConnection, jobs: PostgresConnection? = nil, reconnecting: Bool = true,
        _ body: () throws -> (Value, JobRunOutcome)
    ) throws -> Value {
        let jobs = jobs ?? lock
        return try ToolRun.perform(
            tool: "reconnect-test", lockConnection: lock, jobsConnection: jobs, logger: logger,
            reconnecting: reconnecting ? policy : nil, migrate: { try migrate(jobs) }, body)
    }

    private func migrate(_ connection: PostgresConnection) throws {
        try MigrationRunner(connection: connection, logger: logger).apply([CoreMigrations.track])
    }

    /// Terminates `connection`'s session from another one, as a server restart would.
    private func drop(_ connection: PostgresConnection, from other: PostgresConnection) throws {
        _ = try other.query("SELECT pg_terminate_backend($1)", [Int(connection.backendPID)])
        #expect(throws: (any Error).self) { try connection.execute("SELECT 1") }
        #expect(!connection.isOpen)
    }

    /// Terminates `connection`'s session without using it, and waits until the server has let it go: the
    /// connection learns of it only on its next use.
    private func terminateQuietly(_ connection: PostgresConnection, from other: PostgresConnection) throws {
        let pid = Int(connection.backendPID)
        _ = try other.query("SELECT pg_terminate_backend($1)", [pid])
        let deadline = ContinuousClock.now + .seconds(30)
        while try other.query("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", [pid])[0].int(0) > 0 {
            try #require(ContinuousClock.now < deadline, "the terminated session did not go away")
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    @Test("dropped once: the work runs again on the reopened connection with its session settings, and one row says success")
    func droppedOnce() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        let other = try database.connect()
        try connection.setForSession("SET work_mem = '7MB'")
        var calls = 0
        let settings = try perform(on: connection) { () throws -> (String, JobRunOutcome) in
            calls += 1
            if calls == 1 {
                try drop(connection, from: other)
                try connection.execute("SELECT 1")
            }
            // The new session holds the lock again.
            #expect(try other.query("""
                SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = $1
                """, [Int(connection.backendPID)])[0].int(0) == 1)
            let workMemory = try connection.query("SHOW work_mem")[0].string(0)
            return (workMemory, .success(rowsIn: 1, rowsOut: 1, fromHeight: nil, toHeight: nil))
        }
        #expect(calls == 2)
        #expect(settings == "7MB")
        #expect(try other.query("SELECT status FROM etl.job_runs WHERE tool = 'reconnect-test'").map { try $0.string(0) } == ["success"])
    }

    @Test("another run took the lock meanwhile: this one stops with the busy code and its row says busy")
    func lockTakenOver() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        let other = try database.connect()
        var calls = 0
        let error = try #require(throws: LockTakenOverError.self) {
            try perform(on: connection) { () throws -> (Int, JobRunOutcome) in
                calls += 1
                try drop(connection, from: other)
                try ToolLock.acquire(tool: "reconnect-test", on: other)
                try connection.execute("SELECT 1")
                return (0, .success(rowsIn: 0, rowsOut: 0, fromHeight: nil, toHeight: nil))
            }
        }
        #expect(calls == 1)
        #expect(error.exitStatus == .busy)
        #expect(error.description.contains("another reconnect-test run has taken the lock"))
        #expect(try other.query("SELECT status FROM etl.job_runs WHERE tool = 'reconnect-test'").map { try $0.string(0) } == ["busy"])
    }

    @Test("dropped after the work is done: the row is recorded on a reopened connection, the work is not done again")
    func droppedAfterTheWork() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        let other = try database.connect()
        var calls = 0
        let value = try perform(on: connection) { () throws -> (Int, JobRunOutcome) in
            calls += 1
            try terminateQuietly(connection, from: other)
            #expect(connection.isOpen)  // not yet noticed: the first failure is the row's
            return (42, .success(rowsIn: 3, rowsOut: 3, fromHeight: nil, toHeight: nil))
        }
        #expect(value == 42 && calls == 1)
        #expect(try other.query("SELECT status, rows_in FROM etl.job_runs WHERE tool = 'reconnect-test'")
            .map { [try $0.string(0), "\(try $0.int64(1))"] } == [["success", "3"]])
    }

    @Test("only the jobs connection dropped: the lock is not taken a second time, so the run's end releases it")
    func jobsConnectionDropped() throws {
        let database = try TestDatabase.current
        let lockConnection = try database.connect()
        let jobsConnection = try database.connect()
        let other = try database.connect()
        var calls = 0
        _ = try perform(on: lockConnection, jobs: jobsConnection) { () throws -> (Int, JobRunOutcome) in
            calls += 1
            if calls == 1 {
                try drop(jobsConnection, from: other)
                try jobsConnection.execute("SELECT 1")
            }
            return (0, .success())
        }
        #expect(calls == 2)
        #expect(try other.query("""
            SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = $1
            """, [Int(lockConnection.backendPID)])[0].int(0) == 0)
        #expect(try other.query("SELECT status FROM etl.job_runs WHERE tool = 'reconnect-test'").map { try $0.string(0) } == ["success"])
    }

    @Test("the end of a session from outside is worth a new one; the server ending it for what it did is not",
          arguments: [("08006", true), ("08003", true), ("57P01", true), ("57P02", true), ("57P03", true),
                      ("25P03", false), ("25P04", false), ("40001", false), ("57014", false), (nil, false)]
              as [(String?, Bool)])
    func endOfSessionCodes(code: String?, worthANewSession: Bool) {
        #expect(SQLState.isEndOfSession(code) == worthANewSession)
    }

    @Test("without a reconnecting budget a dropped connection fails the run, and the failure is still recorded")
    func withoutBudget() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        let other = try database.connect()
        #expect(throws: PostgresError.self) {
            try perform(on: connection, reconnecting: false) { () throws -> (Int, JobRunOutcome) in
                try drop(connection, from: other)
                try connection.execute("SELECT 1")
                return (0, .success(rowsIn: 0, rowsOut: 0, fromHeight: nil, toHeight: nil))
            }
        }
        #expect(try other.query("SELECT status FROM etl.job_runs WHERE tool = 'reconnect-test'").map { try $0.string(0) } == ["failure"])
    }
}
