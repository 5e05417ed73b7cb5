import ChainETL
import Foundation
import TestSupport

/// What only the `wallet-stats` end-to-end tests need besides `AnalyticsToolHarness`: the labels stored and
/// label files to import.
enum WalletStatsProcessHarness {
    /// Labels stored, as `address|label|category`.
    static func labels(_ database: TestDatabase) throws -> [String] {
        let connection = try database.connect()
        guard try connection.query("SELECT to_regclass('etl.address_labels') IS NOT NULL")[0].bool(0) else { return [] }
        return try connection.query(
            "SELECT address || '|' || coalesce(label, '') || '|' || category FROM etl.address_labels ORDER BY address"
        ).map { try $0.string(0) }
    }

    /// Writes `text` to a temporary file and returns its path.
    static func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("labels-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
