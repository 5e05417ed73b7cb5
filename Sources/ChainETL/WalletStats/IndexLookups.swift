extension PostgresConnection {
    /// Runs `body` with hash and merge joins switched off for the current transaction when `enabled`, so a join
    /// of a run's touched rows with a table of all addresses reads that table through its key, row by row,
    /// instead of scanning it whole. The planner's default costs favour the scan long after it stops being
    /// cheaper, and the scan would make every run cost as much as the number of addresses. Call inside a
    /// transaction; the settings are restored when `body` returns.
    func withIndexLookups<Result>(_ enabled: Bool, _ body: () throws -> Result) throws -> Result {
        guard enabled else { return try body() }
        try executeScript("SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off")
        let result = try body()
        try executeScript("RESET enable_hashjoin; RESET enable_mergejoin")
        return result
    }
}
