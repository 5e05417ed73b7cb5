public import ChainETL

/// Every table of the `stats` schema as sorted JSON lines, without the members that record when a row was
/// written (`…_at`), to compare the output of two histories of runs row for row.
public struct StatsSnapshot: Equatable, CustomStringConvertible {
    public var tables: [String: [String]]

    public static func read(_ connection: PostgresConnection) throws -> StatsSnapshot {
        let names = try connection.query("""
            SELECT table_name FROM information_schema.tables WHERE table_schema = 'stats' AND table_type = 'BASE TABLE'
            ORDER BY table_name
            """).map { try $0.string(0) }
        var tables: [String: [String]] = [:]
        for name in names {
            let rows = try connection.query("""
                SELECT (SELECT jsonb_object_agg(key, value) FROM jsonb_each(to_jsonb(t)) WHERE key NOT LIKE '%\\_at')::text AS line
                FROM stats.\(PostgresIdentifier.quoted(name)) t ORDER BY line
                """)
            tables[name] = try rows.map { try $0.string(0) }
        }
        return StatsSnapshot(tables: tables)
    }

    public var description: String {
        tables.keys.sorted().map { "\($0): \(tables[$0]!.count) rows" }.joined(separator: ", ")
    }
}
