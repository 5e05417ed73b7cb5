public import ChainETL
import Logging

/// Runs `wallet-stats` in-process the way the tool does, without printing, and reads back what it wrote.
public enum QuietWalletStats {
    /// The tables `wallet-stats` writes, with the order that makes their text comparable.
    public static let tables: [(name: String, order: String)] = [
        ("stats.address_stats", "address"),
        ("stats.address_daily", "address, day"),
        ("stats.daily_addresses", "day"),
        ("stats.balance_thresholds", "threshold"),
        ("stats.balance_percentiles", "percentile"),
        ("stats.top_share", "top_n"),
        ("stats.label_holdings", "category"),
        ("etl.wallet_stats_window", "first_day"),
    ]

    /// One run; `environment` adds variables such as `ADDRESS_DAILY_DAYS` or `CHAIN`.
    @discardableResult
    public static func run(
        database: TestDatabase, full: Bool = false, environment: [String: String] = [:]
    ) throws -> WalletStatsSummary {
        let configuration = try TestConfiguration.make(
            database: database, nodeURL: "http://simnode:simnode@127.0.0.1:1", extra: environment)
        var options = WalletStatsOptions(full: full)
        options.reconnectPolicy = QuietScrape.fastRetries
        return try WalletStatsJob.run(
            configuration: configuration, options: options,
            logger: Logger(label: "wallet-stats") { _ in SwiftLogNoOpLogHandler() },
            drawsProgress: false, printSummary: { _ in })
    }

    /// Every row of every table the tool writes, as PostgreSQL's text of the whole row in key order, and its
    /// cursor: two states are equal only if every value is.
    public static func state(_ database: TestDatabase) throws -> WalletStatsState {
        let connection = try database.connect()
        var rows: [String: [String]] = [:]
        for (table, order) in tables {
            rows[table] = try connection.query("SELECT r::text FROM \(table) AS r ORDER BY \(order)").map { try $0.string(0) }
        }
        let cursor = try connection.query("SELECT position FROM etl.cursors WHERE consumer = 'wallet-stats'")
        return WalletStatsState(rows: rows, cursor: try cursor.first?.int64(0))
    }
}

/// What `wallet-stats` has written: every row of its tables and its cursor.
public struct WalletStatsState: Equatable, CustomStringConvertible {
    /// Row texts per table, in key order.
    public var rows: [String: [String]]
    /// The cursor position, nil before the first run.
    public var cursor: Int64?

    /// The rows of `table`.
    public subscript(table: String) -> [String] { rows[table] ?? [] }

    /// The same state without the cursor, to compare runs that read the change log to different positions.
    public var withoutCursor: WalletStatsState { WalletStatsState(rows: rows, cursor: nil) }

    /// The rows that differ from `other`, table by table (for failure messages).
    public func differences(from other: WalletStatsState) -> String {
        var lines: [String] = []
        for (table, _) in QuietWalletStats.tables where self[table] != other[table] {
            let mine = Set(self[table]), theirs = Set(other[table])
            lines.append("\(table): only here \(mine.subtracting(theirs).sorted().prefix(6)), "
                         + "only there \(theirs.subtracting(mine).sorted().prefix(6))")
        }
        if cursor != other.cursor { lines.append("cursor \(cursor.map(String.init) ?? "nil") vs \(other.cursor.map(String.init) ?? "nil")") }
        return lines.isEmpty ? "no differences" : lines.joined(separator: "; ")
    }

    public var description: String {
        QuietWalletStats.tables.map { "\($0.name): \(self[$0.name].count) rows" }.joined(separator: ", ")
            + ", cursor \(cursor.map(String.init) ?? "none")"
    }
}
