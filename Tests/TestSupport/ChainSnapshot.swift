public import ChainETL

/// The content of every chain table as sorted text lines (without load timestamps), to compare two databases or
/// two moments row for row.
public struct ChainSnapshot: Equatable, CustomStringConvertible {
    public var tables: [String: [String]]

    public static func read(_ connection: PostgresConnection) throws -> ChainSnapshot {
        var tables: [String: [String]] = [:]
        for (table, order) in [
            ("chain.blocks", "height"), ("chain.transactions", "block_height, tx_index"),
            ("chain.outputs", "block_height, tx_index, n"), ("chain.inputs", "block_height, tx_index, n"),
            ("chain.address_movements", "block_height, tx_index, address"),
        ] {
            let rows = try connection.query(
                "SELECT (to_jsonb(t) - 'copied_at')::text FROM \(table) t ORDER BY \(order)")
            tables[table] = try rows.map { try $0.string(0) }
        }
        return ChainSnapshot(tables: tables)
    }

    public var description: String {
        tables.keys.sorted().map { "\($0): \(tables[$0]!.count) rows" }.joined(separator: ", ")
    }
}
