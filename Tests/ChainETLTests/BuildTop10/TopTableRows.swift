import ChainETL
import Foundation

/// The top tables read back as text, one array per row in rank order, so expectations are literal values
/// computed by hand. Times are seconds since the epoch.
enum TopTableRows {
    static func richest(_ connection: PostgresConnection) throws -> [[String?]] {
        try rows(connection, "SELECT rank::text, address, balance::text, share::text, label FROM stats.top_richest ORDER BY rank")
    }

    static func miners(_ connection: PostgresConnection) throws -> [[String?]] {
        try rows(connection, "SELECT rank::text, address, blocks::text, share::text, reward::text FROM stats.top_miners ORDER BY rank")
    }

    static func transactions(_ connection: PostgresConnection) throws -> [[String?]] {
        try rows(connection, """
            SELECT rank::text, txid, block_height::text, tx_index::text, extract(epoch FROM block_time)::bigint::text,
                   amount::text, fee::text
            FROM stats.top_transactions_24h ORDER BY rank
            """)
    }

    static func activeAddresses(_ connection: PostgresConnection) throws -> [[String?]] {
        try rows(connection, """
            SELECT rank::text, address, tx_count::text, received::text, sent::text
            FROM stats.top_active_addresses_24h ORDER BY rank
            """)
    }

    /// The status row without `hashrate` (compared as a Double) and `updated_at`.
    static func status(_ connection: PostgresConnection) throws -> [[String?]] {
        try rows(connection, """
            SELECT height::text, tip_hash, extract(epoch FROM tip_time)::bigint::text, difficulty::text, supply::text,
                   nonempty_addresses::text
            FROM stats.network_status
            """)
    }

    static func hashrate(_ connection: PostgresConnection) throws -> Double? {
        try connection.query("SELECT hashrate FROM stats.network_status")[0].decode(Double?.self, at: 0)
    }

    static func updatedAt(_ connection: PostgresConnection) throws -> Date {
        try connection.query("SELECT updated_at FROM stats.network_status")[0].date(0)
    }

    /// Every top table in full (for "nothing changed" and "old or new, never partial" comparisons).
    static func all(_ connection: PostgresConnection) throws -> [[[String?]]] {
        try [richest(connection), miners(connection), transactions(connection), activeAddresses(connection),
             status(connection)]
    }

    static func rows(_ connection: PostgresConnection, _ sql: String) throws -> [[String?]] {
        let result = try connection.query(sql)
        return try result.map { row in try (0..<result.columnCount).map { try row.decode(String?.self, at: $0) } }
    }
}
