/// Rebuilds the distribution tables from `stats.address_stats` (SPEC.md: thresholds, percentiles, top-N shares
/// of supply, holdings per label category). Each table's new content is computed into a temporary twin and
/// swapped in with DELETE + INSERT only when it differs, inside the caller's transaction: readers never see a
/// table empty or half written, and a run over unchanged inputs writes nothing.
public struct BalanceDistributions {
    /// SPEC.md's N for `stats.top_share`.
    public static let topShareSizes: [Int64] = [10, 100, 1_000, 10_000]

    private let connection: PostgresConnection
    private let defaultThresholds: [Int64]

    /// Rebuilds on `connection`, using `defaultThresholds` (base units) while `etl.balance_thresholds` is empty.
    public init(connection: PostgresConnection, defaultThresholds: [Int64]) {
        self.connection = connection
        self.defaultThresholds = defaultThresholds
    }

    /// Rebuilds every table; call inside a transaction. Returns the tables whose content changed.
    @discardableResult
    public func rebuildAll() throws -> [String] {
        // The ranking sorts every positive balance; give the sort room in memory for this transaction.
        try connection.executeScript("SET LOCAL work_mem = '128MB'")
        return try DistributionTable.allCases.compactMap { try rebuild($0) ? $0.qualifiedName : nil }
    }

    /// Rebuilds `stats.label_holdings` alone (after a label import); call inside a transaction.
    public func rebuildLabelHoldings() throws {
        _ = try rebuild(.labelHoldings)
    }

    /// Computes the table's twin and swaps it in; returns whether the table changed.
    private func rebuild(_ table: DistributionTable) throws -> Bool {
        try createTwin(of: table)
        switch table {
        case .balanceThresholds: try connection.execute(table.freshContentSQL, [PostgresArray(defaultThresholds)])
        case .topShare: try connection.execute(table.freshContentSQL, [PostgresArray(Self.topShareSizes)])
        case .balancePercentiles, .labelHoldings: try connection.execute(table.freshContentSQL)
        }
        return try swapIn(table)
    }

    private func createTwin(of table: DistributionTable) throws {
        try connection.executeScript(
            "CREATE TEMP TABLE \(table.rawValue) (LIKE \(table.qualifiedName) INCLUDING DEFAULTS) ON COMMIT DROP")
    }

    /// Replaces the table's rows by its twin's if they differ (as multisets of rows); drops the twin. Returns
    /// whether the table changed.
    private func swapIn(_ table: DistributionTable) throws -> Bool {
        let columns = table.columns.joined(separator: ", ")
        let fresh = "SELECT \(columns) FROM pg_temp.\(table.rawValue)"
        let current = "SELECT \(columns) FROM \(table.qualifiedName)"
        let differs = try connection.query(
            "SELECT EXISTS (\(fresh) EXCEPT ALL \(current)) OR EXISTS (\(current) EXCEPT ALL \(fresh))")[0].bool(0)
        if differs {
            try connection.execute("DELETE FROM \(table.qualifiedName)")
            try connection.execute("INSERT INTO \(table.qualifiedName) (\(columns)) \(fresh)")
        }
        try connection.executeScript("DROP TABLE pg_temp.\(table.rawValue)")
        return differs
    }
}
