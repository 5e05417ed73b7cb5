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

    /// Rows of `table`, or 0 while it does not exist yet.
    static func rowCount(of table: String, on connection: PostgresConnection) throws -> Int {
        guard try connection.query("SELECT to_regclass($1) IS NOT NULL", [table])[0].bool(0) else { return 0 }
        return try connection.query("SELECT count(*) FROM \(table)")[0].int(0)
    }
}
