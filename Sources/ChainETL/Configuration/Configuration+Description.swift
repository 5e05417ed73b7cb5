extension Configuration: CustomStringConvertible {
    /// One line for the start-of-run log: every setting, with passwords masked, so a log shows which database
    /// and node a run used without leaking credentials.
    public var description: String {
        let fields: [(String, String)] = [
            ("database", databaseURL.isEmpty ? "(libpq defaults)" : databaseURL),
            ("raw_database", rawDatabaseURL.isEmpty ? "(libpq defaults)" : rawDatabaseURL),
            ("chain", chain.rawValue),
            ("node", nodeRPCURL.absoluteString),
            ("cookie_file", nodeRPCCookieFile ?? "(none)"),
            ("rpc_timeout", "\(nodeRPCTimeoutSeconds)s"),
            ("rpc_concurrency", "\(nodeRPCConcurrency)"),
            ("log_level", logLevel.rawValue),
            ("address_daily_days", "\(addressDailyDays)"),
            ("top_richest_n", "\(topRichestN)"),
        ]
        return SecretMasking.masked(fields.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
    }
}
