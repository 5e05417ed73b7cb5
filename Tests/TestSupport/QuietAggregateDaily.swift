public import ChainETL
import Logging

/// Runs `aggregate-daily` in-process the way the tool does, without printing, and reads back what it wrote.
public enum QuietAggregateDaily {
    /// The tables `aggregate-daily` writes, in a fixed order.
    public static let tables = [
        "stats.block_transaction_totals", "stats.daily_blocks", "stats.daily_transactions", "stats.block_windows",
    ]

    /// One run with `configure`d options.
    @discardableResult
    public static func run(
        database: TestDatabase, configure: (inout AggregateDailyOptions) -> Void = { _ in }
    ) throws -> AggregateDailySummary {
        let configuration = try TestConfiguration.make(database: database, nodeURL: "http://simnode:simnode@127.0.0.1:1")
        var options = AggregateDailyOptions()
        options.reconnectPolicy = QuietScrape.fastRetries
        configure(&options)
        return try AggregateDailyJob.run(
            configuration: configuration, options: options,
            logger: Logger(label: "aggregate-daily") { _ in SwiftLogNoOpLogHandler() },
            drawsProgress: false, printSummary: { _ in })
    }

    /// Every row of every table the tool writes, as PostgreSQL's text of the whole row in key order (so numeric
    /// scales and double digits count), and its cursor: two states are equal only if every value is.
    public static func state(_ database: TestDatabase) throws -> AggregateDailyState {
        let connection = try database.connect()
        var rows: [String: [String]] = [:]
        for table in tables {
            rows[table] = try connection.query("SELECT r::text FROM \(table) AS r ORDER BY 1").map { try $0.string(0) }
        }
        let cursor = try connection.query("SELECT position FROM etl.cursors WHERE consumer = 'aggregate-daily'")
        return AggregateDailyState(rows: rows, cursor: try cursor.first?.int64(0))
    }

    /// Each row's version (`xmin`, `ctid`) per table: equal before and after a run only if the run rewrote no row.
    public static func rowVersions(_ database: TestDatabase) throws -> [String: [String]] {
        let connection = try database.connect()
        var versions: [String: [String]] = [:]
        for table in tables {
            versions[table] = try connection.query("SELECT xmin::text || ' ' || ctid::text FROM \(table) ORDER BY 1")
                .map { try $0.string(0) }
        }
        return versions
    }
}

/// What `aggregate-daily` has written: every row of its tables and its cursor.
public struct AggregateDailyState: Equatable, CustomStringConvertible {
    /// Row texts per table, sorted.
    public var rows: [String: [String]]
    /// The cursor position, nil before the first run.
    public var cursor: Int64?

    /// The rows of `table`.
    public subscript(table: String) -> [String] { rows[table] ?? [] }

    /// Row counts, and the rows of `other` that differ (for failure messages).
    public func differences(from other: AggregateDailyState) -> String {
        var lines: [String] = []
        for table in QuietAggregateDaily.tables where self[table] != other[table] {
            let mine = Set(self[table]), theirs = Set(other[table])
            lines.append("\(table): only here \(mine.subtracting(theirs).sorted().prefix(5)), only there \(theirs.subtracting(mine).sorted().prefix(5))")
        }
        if cursor != other.cursor { lines.append("cursor \(cursor.map(String.init) ?? "nil") vs \(other.cursor.map(String.init) ?? "nil")") }
        return lines.isEmpty ? "no differences" : lines.joined(separator: "; ")
    }

    public var description: String {
        QuietAggregateDaily.tables.map { "\($0): \(self[$0].count) rows" }.joined(separator: ", ")
            + ", cursor \(cursor.map(String.init) ?? "none")"
    }
}
