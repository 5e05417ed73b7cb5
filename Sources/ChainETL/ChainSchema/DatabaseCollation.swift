public import Logging

/// How the analytics database compares text, read when the chain tables are created, because it sets the cost of
/// every index on addresses and cannot be changed later without recreating the database (or every index on
/// text: users' views on the tables would stand in the way of a migration).
///
/// Addresses and txids are ASCII and every order the tools publish is byte order already (`COLLATE "C"` in
/// their queries), so a language collation buys nothing here; it only sends each comparison in the ledger's
/// `(address, block_height)` index and wallet-stats's address keys through the C library's `strcoll`. Measured
/// on 300 mainnet-shaped blocks, copy-raw's server time was 13–16 % higher in an `en_US.UTF-8` database and
/// 4–8 % higher in a `C.UTF-8` one than in a `C` database.
public struct DatabaseCollation: Sendable, Equatable {
    /// `pg_database.datcollate`, e.g. `C` or `en_US.UTF-8`.
    public let name: String
    /// `pg_database.datlocprovider`: `c` (the C library), `i` (ICU) or `b` (PostgreSQL's builtin, which always
    /// compares code points); nil before PostgreSQL 15, where only the C library exists.
    public let provider: String?

    /// A collation as `pg_database` records it.
    public init(name: String, provider: String?) {
        self.name = name
        self.provider = provider
    }

    /// Whether text compares as bytes, without a call into a locale library.
    public var comparesBytes: Bool {
        switch provider {
        case "b": true
        case "i": false
        default: name == "C" || name == "POSIX"
        }
    }

    /// The warning for `database`, or nil when the collation compares bytes.
    public func advice(database: String) -> String? {
        guard !comparesBytes else { return nil }
        let described = provider == "i" ? "an ICU collation" : "collation \(name)"
        return "database \"\(database)\" compares text by \(described), which makes every index on addresses "
            + "slower to fill (copy-raw needs about 15 % more database time under en_US.UTF-8); before loading "
            + "much, recreate it with CREATE DATABASE \(PostgresIdentifier.quoted(database)) TEMPLATE template0 "
            + "ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8' (README: \"The analytics database\")"
    }

    /// Reads the collation of the database `connection` is on.
    public static func read(on connection: PostgresConnection) throws -> DatabaseCollation {
        // to_jsonb reads datlocprovider where the server has it and yields NULL where it does not.
        let row = try connection.query("""
            SELECT datcollate, to_jsonb(d) ->> 'datlocprovider' FROM pg_database d WHERE datname = current_database()
            """)[0]
        return DatabaseCollation(name: try row.string(0), provider: try row.decode(String?.self, at: 1))
    }

    /// Warns, once, when `applied` (what a `MigrationRunner` just applied) created the chain tables in a database
    /// whose collation does not compare bytes: at set-up, while recreating the database is still cheap.
    public static func warnIfSlow(
        after applied: [AppliedMigration], on connection: PostgresConnection, logger: Logger
    ) throws {
        guard applied.contains(where: { $0.track == ChainSchema.track.name && $0.version == 1 }) else { return }
        let database = try connection.query("SELECT current_database()")[0].string(0)
        if let advice = try read(on: connection).advice(database: database) { logger.warning("\(advice)") }
    }
}
