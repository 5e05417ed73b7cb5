/// The `stats` tables as the database's catalog describes them, so the export includes every tool's tables
/// (aggregate-daily's, wallet-stats', later ones) without a list to keep in step.
public struct StatsCatalog {
    /// One exportable table.
    public struct Table: Sendable, Equatable {
        /// The name without the schema.
        public var name: String
        /// Its columns in table order, with their export kinds.
        public var columns: [ExportColumn]
        /// The primary key's columns in key order (empty when it has none): the rows' order in the file.
        public var primaryKey: [String]
    }

    /// Whether a table is left out of the export: the per-address tables (SPEC.md: `stats.address_stats`,
    /// `stats.address_daily`, anything named `address_*`) and any table keyed by address or block height (e.g.
    /// aggregate-daily's per-block `stats.block_transaction_totals`). Their rows grow with the chain, into the
    /// millions: far too many for a static file, and an API answers them per key from the database.
    public static func isExcluded(name: String, primaryKey: [String]) -> Bool {
        name.hasPrefix("address_") || primaryKey.contains("address") || primaryKey.contains("height")
    }

    /// The ordinary and partitioned tables of schema `stats`, by name, minus the excluded ones. Domains are
    /// resolved to their base type.
    public static func tables(on connection: PostgresConnection) throws -> [Table] {
        var tables: [Table] = []
        for row in try connection.query("""
            SELECT c.relname, a.attname, COALESCE(base.typname, t.typname)
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_type base ON t.typtype = 'd' AND base.oid = t.typbasetype
            WHERE n.nspname = 'stats' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
            ORDER BY c.relname COLLATE "C", a.attnum
            """) {
            let name = try row.string(0)
            let column = ExportColumn(name: try row.string(1), typeName: try row.string(2))
            if tables.last?.name == name {
                tables[tables.count - 1].columns.append(column)
            } else {
                tables.append(Table(name: name, columns: [column], primaryKey: []))
            }
        }
        var keys: [String: [String]] = [:]
        for row in try connection.query("""
            SELECT c.relname, a.attname
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
            WHERE n.nspname = 'stats' AND i.indisprimary
            ORDER BY c.relname, k.position
            """) {
            keys[try row.string(0), default: []].append(try row.string(1))
        }
        for index in tables.indices {
            tables[index].primaryKey = keys[tables[index].name] ?? []
        }
        return tables.filter { !isExcluded(name: $0.name, primaryKey: $0.primaryKey) }
    }
}

extension StatsCatalog.Table {
    /// The statement reading every row in a stable order: by primary key, or by every column that has an
    /// ordering (all but `json`) when there is none.
    var selectStatement: String {
        let list = columns.map { PostgresIdentifier.quoted($0.name) }.joined(separator: ", ")
        let orderColumns = primaryKey.isEmpty ? columns.filter { $0.kind != .json }.map(\.name) : primaryKey
        var sql = "SELECT \(list) FROM stats.\(PostgresIdentifier.quoted(name))"
        if !orderColumns.isEmpty {
            sql += " ORDER BY " + orderColumns.map { PostgresIdentifier.quoted($0) }.joined(separator: ", ")
        }
        return sql
    }
}
