/// What one rebuild found and did, per table, for the summary line and `etl.job_runs`.
public struct TopTablesRebuildResult: Sendable, Equatable {
    /// The tip the tables were built at; nil while `chain.blocks` is empty.
    public var tipHeight: Int64?
    /// Every table, in `TopTable.allCases` order.
    public var tables: [TopTableOutcome]

    /// A result over `tables` at `tipHeight`.
    public init(tipHeight: Int64?, tables: [TopTableOutcome]) {
        self.tipHeight = tipHeight
        self.tables = tables
    }

    /// Rows of new content computed, whether written or not.
    public var rowsComputed: Int { tables.reduce(0) { $0 + $1.rows } }

    /// Rows inserted by the swaps (0 when nothing changed).
    public var rowsWritten: Int { tables.reduce(0) { $0 + $1.rowsWritten } }

    /// The tables whose content changed.
    public var changedTables: [TopTable] { tables.filter(\.changed).map(\.table) }
}

/// One table's part of a rebuild.
public struct TopTableOutcome: Sendable, Equatable {
    /// The table.
    public var table: TopTable
    /// Rows of its new content.
    public var rows: Int
    /// Whether the new content differed from the old (ignoring `updated_at`).
    public var changed: Bool
    /// Rows inserted; the status row is rewritten (new `updated_at`) whenever any table changed.
    public var rowsWritten: Int

    /// An outcome; `rowsWritten` is set once the table has been swapped.
    public init(table: TopTable, rows: Int, changed: Bool, rowsWritten: Int = 0) {
        self.table = table
        self.rows = rows
        self.changed = changed
        self.rowsWritten = rowsWritten
    }
}
