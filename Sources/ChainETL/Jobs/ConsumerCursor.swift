/// How far one tool has read its input log (`etl.cursors`). Each tool advances its cursor in the same
/// transaction as the rows it wrote, so a crash leaves output and cursor agreeing and a rerun resumes exactly.
public struct ConsumerCursor: Sendable, Equatable {
    /// The tool's name, the key in `etl.cursors`.
    public let consumer: String

    /// The cursor of `consumer` (its tool name).
    public init(consumer: String) {
        self.consumer = consumer
    }

    /// The last position applied, or 0 before the first run (log sequences start at 1).
    public func position(on connection: PostgresConnection) throws -> Int64 {
        let rows = try connection.query("SELECT position FROM etl.cursors WHERE consumer = $1", [consumer])
        return try rows.first?.int64(0) ?? 0
    }

    /// Records `position` as applied. Call inside the transaction that wrote the rows up to it.
    public func advance(to position: Int64, on connection: PostgresConnection) throws {
        try connection.execute("""
            INSERT INTO etl.cursors (consumer, position) VALUES ($1, $2)
            ON CONFLICT (consumer) DO UPDATE SET position = EXCLUDED.position, updated_at = now()
            """, [consumer, position])
    }

    /// Forgets the position, so the next run starts from the beginning (`--full`, `--rebuild`). Call inside the
    /// transaction that empties the tool's output.
    public func reset(on connection: PostgresConnection) throws {
        try connection.execute("DELETE FROM etl.cursors WHERE consumer = $1", [consumer])
    }
}
