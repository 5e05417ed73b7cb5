/// `etl.quarantine`: landed blocks copy-raw refused and why, so an operator sees what holds the queue and a
/// later run can record that the block passed or left the chain.
public struct Quarantine {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Records `failure` (or refreshes the open entry for the same block). Runs in its own transaction: the
    /// entry must survive the run's failure.
    public func record(_ failure: BlockValidationFailure) throws {
        try connection.transaction { connection in
            try connection.execute("""
                INSERT INTO etl.quarantine (hash, height, rule, reason) VALUES ($1, $2, $3, $4)
                ON CONFLICT (hash) WHERE resolved_at IS NULL
                DO UPDATE SET rule = EXCLUDED.rule, reason = EXCLUDED.reason, last_seen_at = now()
                """, [failure.hash, failure.height, failure.rule.rawValue, failure.reason])
        }
    }

    /// Marks the open entries of `hashes` resolved (the blocks were copied, or left the best chain). Call inside
    /// the transaction that copied them.
    public func resolve(hashes: [String]) throws {
        guard !hashes.isEmpty else { return }
        try connection.execute("""
            UPDATE etl.quarantine SET resolved_at = now() WHERE resolved_at IS NULL AND hash = ANY($1::text[])
            """, [PostgresArray(hashes)])
    }
}
