import ChainETL
import Foundation
import TestSupport

/// Which tool a `KillLoop` kills and how the loop sees its progress: a count that grows with each of the
/// tool's commits, and the statements that mark its session as inside a write transaction.
struct KillTarget: Sendable {
    var executable: ToolExecutable
    var arguments: [String] = []
    /// The tool's `application_name` in `pg_stat_activity`.
    var applicationName: String
    /// `LIKE` patterns of the statements that write the tool's output.
    var writeStatements: [String]
    /// A count that grows with each commit (0 before the first migration).
    var progress: @Sendable (PostgresConnection) throws -> Int

    /// `scrape`: progress is the number of landed blocks.
    static let scrape = KillTarget(
        executable: ScrapeProcessHarness.scrape, applicationName: "chain-etl scrape",
        writeStatements: ["%INSERT INTO raw.%", "%UPDATE raw.%"],
        progress: { try rowCount(of: "raw.blocks", on: $0) })

    /// `copy-raw`: progress is the number of blocks in `chain.blocks`.
    static let copyRaw = KillTarget(
        executable: ToolExecutable(name: "copy-raw"), applicationName: "chain-etl copy-raw",
        writeStatements: ["%INSERT INTO chain.%", "%COPY%", "%UPDATE chain.%", "%DELETE FROM chain.%", "%WITH change AS%"],
        progress: { try rowCount(of: "chain.blocks", on: $0) })

    /// `aggregate-daily`: one transaction per run, writing the stats tables; progress is its cursor.
    static let aggregateDaily = KillTarget(
        executable: AnalyticsToolHarness.aggregateDaily.tool, applicationName: "chain-etl aggregate-daily",
        writeStatements: ["%stats.%"], progress: { try cursorPosition(of: "aggregate-daily", on: $0) })

    /// `wallet-stats`: one transaction per run, writing the stats tables and its `ws_` work tables; progress is
    /// its cursor.
    static let walletStats = KillTarget(
        executable: AnalyticsToolHarness.walletStats.tool, applicationName: "chain-etl wallet-stats",
        writeStatements: ["%ws\\_%", "%stats.%"], progress: { try cursorPosition(of: "wallet-stats", on: $0) })

    /// Whether the target's session is inside a transaction whose latest statement writes its output: the
    /// moment a half-written result would show.
    func isWriting(on connection: PostgresConnection) throws -> Bool {
        let conditions = writeStatements.indices.map { "query LIKE $\($0 + 2)" }
        let parameters: [(any PostgresBindable)?] = [applicationName] + writeStatements
        return try connection.query("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = $1
              AND xact_start IS NOT NULL AND state IN ('active', 'idle in transaction')
              AND (\(conditions.joined(separator: " OR ")))
            """, parameters)[0].int(0) > 0
    }

    /// The position of `consumer` in `etl.cursors`, or 0 before its first commit.
    static func cursorPosition(of consumer: String, on connection: PostgresConnection) throws -> Int {
        guard try connection.query("SELECT to_regclass('etl.cursors') IS NOT NULL")[0].bool(0) else { return 0 }
        return try connection.query(
            "SELECT coalesce(max(position), 0) FROM etl.cursors WHERE consumer = $1", [consumer])[0].int(0)
    }

    /// Rows of `table`, or 0 while it does not exist yet.
    static func rowCount(of table: String, on connection: PostgresConnection) throws -> Int {
        guard try connection.query("SELECT to_regclass($1) IS NOT NULL", [table])[0].bool(0) else { return 0 }
        return try connection.query("SELECT count(*) FROM \(table)")[0].int(0)
    }
}
