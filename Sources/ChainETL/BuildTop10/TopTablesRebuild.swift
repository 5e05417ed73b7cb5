/// Rebuilds every top table and the network status in ONE transaction, so a reader sees either the complete old
/// content or the complete new content of all of them, never an empty or partial table.
///
/// Within the transaction each table's new content is computed into a temporary twin, compared with the
/// current content, and swapped in with DELETE + INSERT only when it differs. Under MVCC that swap is
/// invisible until COMMIT and takes only row locks, so readers are never blocked (TRUNCATE would take an
/// ACCESS EXCLUSIVE lock and block them; DROP/CREATE would make the table vanish). Skipping unchanged tables
/// keeps the tool idempotent: a second run over the same inputs writes nothing, and `network_status.updated_at`
/// keeps telling when the content last changed.
public struct TopTablesRebuild {
    private let connection: PostgresConnection
    private let topRichestCount: Int

    /// A rebuild on `connection` keeping `topRichestCount` rows (TOP_RICHEST_N, 1...1000) in `top_richest`.
    public init(connection: PostgresConnection, topRichestCount: Int) {
        self.connection = connection
        self.topRichestCount = topRichestCount
    }

    /// Runs the rebuild and commits it. REPEATABLE READ gives every query the same snapshot of `chain.*` and
    /// `stats.address_stats`, so the tables agree with each other even if another tool commits meanwhile. They
    /// are built at the block wallet-stats has counted through (`CountedChain`), below the chain's tip while it
    /// catches up; when the balances match no block of the chain (a reorg wallet-stats has not applied yet, or
    /// no wallet-stats run since the chain tables were filled) the tables are left as they are, and the result
    /// says why (`heldBack`).
    /// Throws `BuildTop10Error.missingInput` when `wallet-stats` has not created its tables yet.
    public func run() throws -> TopTablesRebuildResult {
        try checkInputsExist()
        return try connection.retryingTransaction(isolation: .repeatableRead) { connection in
            try rebuild(on: connection)
        }
    }

    private func rebuild(on connection: PostgresConnection) throws -> TopTablesRebuildResult {
        // wallet-stats --full and copy-raw --rebuild empty their tables with TRUNCATE: locked first, the rebuild
        // waits for such a commit and reads the new content, instead of publishing empty top tables.
        try connection.lockForReading(Self.tablesRead)
        // The tables are built at the height wallet-stats has counted, or left as they are when none matches.
        let window: TipWindow?
        let chainTip: Int64?
        switch try CountedChain.read(cursor: WalletStatsUpdater.cursor, on: connection) {
        case .through(let height, let tip):
            window = try TipWindow.ending(at: height, on: connection)
            chainTip = tip
        case .empty:
            // With no block yet every table is empty: there is no tip to count from.
            window = nil
            chainTip = nil
        case .uncounted(let tip):
            return TopTablesRebuildResult(tipHeight: nil, chainTipHeight: tip, tables: [], heldBack: .walletStatsNotRun)
        case .departed(let height, let tip):
            return TopTablesRebuildResult(
                tipHeight: nil, chainTipHeight: tip, tables: [], heldBack: .walletStatsBeforeReorganisation(height: height))
        }
        var tables: [TopTableOutcome] = []
        for table in TopTable.allCases {
            try connection.executeScript(
                "CREATE TEMP TABLE \(table.name) (LIKE \(table.qualifiedName) INCLUDING DEFAULTS) ON COMMIT DROP")
            var fresh = 0
            if let window {
                fresh = try connection.execute(
                    table.freshContentSQL, table.parameters(window: window, topRichestCount: topRichestCount))
            }
            tables.append(TopTableOutcome(table: table, rows: fresh, changed: try differs(table, on: connection)))
        }
        let anyChanged = tables.contains { $0.changed }
        for index in tables.indices where tables[index].changed || (anyChanged && tables[index].table == .networkStatus) {
            tables[index].rowsWritten = try swapIn(tables[index].table, on: connection)
        }
        return TopTablesRebuildResult(tipHeight: window?.tipHeight, chainTipHeight: chainTip, tables: tables)
    }

    /// Every table the queries read, locked before the snapshot (`PostgresConnection.lockForReading`).
    static let tablesRead = [
        "chain.blocks", "chain.transactions", "chain.outputs", "chain.address_movements", "stats.address_stats",
        "etl.address_labels",
    ]

    /// The tables other tools create that the queries read. `chain.*` is applied by the job itself.
    static let inputs = [("stats.address_stats", "wallet-stats"), ("etl.address_labels", "wallet-stats")]

    private func checkInputsExist() throws {
        for (table, producer) in Self.inputs {
            let exists = try connection.query("SELECT to_regclass($1) IS NOT NULL", [table])[0].bool(0)
            guard exists else {
                throw BuildTop10Error.missingInput(table: table, producer: producer, location: connection.location)
            }
        }
    }

    /// Whether the fresh twin and the table differ in any compared column (as multisets of rows).
    private func differs(_ table: TopTable, on connection: PostgresConnection) throws -> Bool {
        let columns = table.comparedColumns.joined(separator: ", ")
        let fresh = "SELECT \(columns) FROM pg_temp.\(table.name)"
        let current = "SELECT \(columns) FROM \(table.qualifiedName)"
        return try connection.query("""
            SELECT EXISTS (\(fresh) EXCEPT ALL \(current)) OR EXISTS (\(current) EXCEPT ALL \(fresh))
            """)[0].bool(0)
    }

    /// Replaces the table's rows by the twin's; returns the rows inserted.
    private func swapIn(_ table: TopTable, on connection: PostgresConnection) throws -> Int {
        let columns = table.columns.joined(separator: ", ")
        try connection.execute("DELETE FROM \(table.qualifiedName)")
        return try connection.execute(
            "INSERT INTO \(table.qualifiedName) (\(columns)) SELECT \(columns) FROM pg_temp.\(table.name)")
    }
}
