extension PostgresConnection {
    /// Takes ACCESS SHARE locks on `tables` (schema-qualified names the code writes, never input), as a
    /// REPEATABLE READ transaction's first statement: LOCK TABLE takes no snapshot, so the snapshot comes
    /// after any TRUNCATE of those tables has committed. TRUNCATE is not MVCC-safe, and a snapshot taken before
    /// its commit reads the table as empty. Only ACCESS EXCLUSIVE waits for these locks; ordinary writes do not.
    public func lockForReading(_ tables: [String]) throws {
        try executeScript("LOCK TABLE " + tables.joined(separator: ", ") + " IN ACCESS SHARE MODE")
    }
}
