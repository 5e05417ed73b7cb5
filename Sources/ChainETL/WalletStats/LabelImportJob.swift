import Foundation
public import Logging

/// `wallet-stats labels import FILE.csv`: parse the whole file first (a bad line refuses it before the database
/// is touched), then, holding the tool's lock so no run rebuilds the distributions meanwhile, store the labels
/// and refresh `stats.label_holdings` in one transaction.
public enum LabelImportJob {
    /// What the import did.
    public struct Summary: Sendable, Equatable {
        /// Rows in the file.
        public var labels: Int
        /// What the import changed.
        public var counts: AddressLabelStore.ImportCounts
    }

    /// Reads, checks and imports `path`.
    /// - Parameter replacing: remove the labels the file does not list (the file becomes the whole list).
    public static func run(configuration: Configuration, path: String, replacing: Bool, logger: Logger) throws -> Summary {
        let labels = try LabelFile.parse(try read(path), file: path)
        let connection = try WalletStatsJob.connect(configuration: configuration, logger: logger, migrating: false)
        let lock = try ToolLock.acquire(tool: WalletStatsJob.tool, on: connection)
        defer { try? lock.release(on: connection) }
        try WalletStatsJob.migrate(connection, logger: logger)
        let counts = try connection.retryingTransaction(isolation: .repeatableRead) { connection in
            let counts = try AddressLabelStore(connection: connection).importLabels(labels, replacing: replacing)
            try BalanceDistributions(connection: connection, defaultThresholds: []).rebuildLabelHoldings()
            return counts
        }
        logger.info("labels imported", metadata: [
            "file": "\(path)", "added": "\(counts.added)", "changed": "\(counts.changed)", "removed": "\(counts.removed)",
        ])
        return Summary(labels: labels.count, counts: counts)
    }

    private static func read(_ path: String) throws -> [UInt8] {
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as CocoaError {
            let reason: String
            switch error.code {
            case .fileReadNoSuchFile: reason = "no such file"
            case .fileReadNoPermission: reason = "permission denied"
            default: reason = error.localizedDescription
            }
            throw WalletStatsError.unreadableLabelFile(path: path, reason: reason)
        } catch {
            throw WalletStatsError.unreadableLabelFile(path: path, reason: "\(error)")
        }
    }
}
