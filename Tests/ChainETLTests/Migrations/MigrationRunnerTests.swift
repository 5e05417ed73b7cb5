import ChainETL
import Foundation
import Logging
import Testing
import TestSupport

/// The runner against a real server: idempotent, safe under concurrency, strict about edited migrations.
@Suite(.temporaryDatabase) struct MigrationRunnerTests {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    static func schemaSnapshot(_ connection: PostgresConnection) throws -> [String] {
        try connection.query("""
            SELECT table_schema || '.' || table_name || '.' || column_name || ':' || data_type
              FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
             ORDER BY 1
            """).map { try $0.string(0) } + connection.query("""
            SELECT schemaname || '.' || indexname FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog') ORDER BY 1
            """).map { try $0.string(0) }
    }

    @Test func applyingTwiceChangesNothing() throws {
        let connection = try TestDatabase.current.connect()
        let runner = MigrationRunner(connection: connection, logger: logger)
        let first = try runner.apply(CoreMigrations.track)
        #expect(first.map(\.version) == CoreMigrations.track.migrations.map(\.version).sorted())
        let before = try Self.schemaSnapshot(connection)
        #expect(before.contains("etl.job_runs.status:text"))
        #expect(before.contains("etl.job_runs_tool_started_at_idx"))
        #expect(before.contains("etl.cursors.position:bigint"))
        let second = try runner.apply(CoreMigrations.track)
        #expect(second.isEmpty)
        #expect(try Self.schemaSnapshot(connection) == before)
        let recorded = try connection.query(
            "SELECT track, version, name, checksum FROM etl.schema_migrations ORDER BY version")
        #expect(recorded.count == CoreMigrations.track.migrations.count)
        #expect(try recorded[0].string(3) == CoreMigrations.track.migrations[0].checksum)
    }

    @Test func twoRunnersAtOnceApplyEachMigrationOnce() async throws {
        let database = try TestDatabase.current
        let track = MigrationTrack(name: "slow", migrations: [
            Migration(version: 1, name: "slow table", sql: "SELECT pg_sleep(0.3); CREATE TABLE slow_one (id int)"),
            Migration(version: 2, name: "second table", sql: "CREATE TABLE slow_two (id int)"),
        ])
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    // Each runner on its own thread and connection, as two processes would be.
                    try await Self.onThread {
                        let connection = try database.connect()
                        return try MigrationRunner(connection: connection, logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() })
                            .apply([CoreMigrations.track, track]).count
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let expected = CoreMigrations.track.migrations.count + track.migrations.count
        #expect(results.sorted() == [0, expected])
        let connection = try database.connect()
        #expect(try connection.query("SELECT count(*) FROM etl.schema_migrations")[0].int(0) == expected)
    }

    @Test func editedMigrationIsDetected() throws {
        let connection = try TestDatabase.current.connect()
        let runner = MigrationRunner(connection: connection, logger: logger)
        try runner.apply(MigrationTrack(name: "demo", migrations: [Migration(version: 1, name: "t", sql: "CREATE TABLE t (a int)")]))
        let edited = MigrationTrack(name: "demo", migrations: [
            Migration(version: 1, name: "t", sql: "CREATE TABLE t (a bigint)"),
            Migration(version: 2, name: "u", sql: "CREATE TABLE u (a int)"),
        ])
        let error = try #require(throws: MigrationError.self) { try runner.apply(edited) }
        #expect(error.description.contains("the schema and the code disagree"))
        #expect(error.exitStatus == .usage)
        #expect(try connection.query("SELECT to_regclass('u') IS NULL")[0].bool(0))
    }

    @Test func failingMigrationLeavesNoTraceAndIsRetriedNextTime() throws {
        let connection = try TestDatabase.current.connect()
        let runner = MigrationRunner(connection: connection, logger: logger)
        let broken = MigrationTrack(name: "demo", migrations: [
            Migration(version: 1, name: "half", sql: "CREATE TABLE half (a int); SELECT * FROM no_such_table"),
        ])
        #expect(throws: PostgresError.self) { try runner.apply(broken) }
        #expect(try connection.query("SELECT to_regclass('half') IS NULL")[0].bool(0))
        #expect(try connection.query("SELECT count(*) FROM etl.schema_migrations")[0].int(0) == 0)
    }

    /// Runs blocking work on a dedicated thread, off the cooperative pool.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }
}
