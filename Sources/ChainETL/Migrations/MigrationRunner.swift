public import Logging

/// Applies migration tracks to a database. Every tool calls it at start, so it must be safe when two tools
/// start at the same moment: it takes a blocking advisory lock (the second runner waits, then finds nothing
/// to do), and applies each migration in its own transaction together with its `etl.schema_migrations` row,
/// so a crash leaves each migration either fully applied and recorded or not at all.
public struct MigrationRunner {
    /// The lock every runner on a database shares.
    public static let lockKey = AdvisoryLockKey(name: "chain-etl:migrations")

    private let connection: PostgresConnection
    private let logger: Logger

    /// A runner working on `connection` (which must not be inside a transaction).
    public init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Applies what is missing of each track, in the order given, and returns the migrations applied
    /// (empty when the database was up to date). Throws `MigrationError.checksumMismatch` before applying
    /// anything of a track whose applied SQL differs from this build.
    @discardableResult
    public func apply(_ tracks: [MigrationTrack]) throws -> [AppliedMigration] {
        for track in tracks { try track.validate() }
        try connection.advisoryLock(Self.lockKey)
        defer { _ = try? connection.advisoryUnlock(Self.lockKey) }
        try createBookkeeping()
        var applied: [AppliedMigration] = []
        for track in tracks {
            let plan = try MigrationPlan(track: track, applied: appliedChecksums(of: track.name), location: connection.location)
            if !plan.unknownVersions.isEmpty {
                logger.warning("database has migrations this build does not know; a newer chain-etl ran here",
                               metadata: ["track": "\(track.name)", "versions": "\(plan.unknownVersions)"])
            }
            for migration in plan.pending {
                try apply(migration, of: track.name)
                applied.append(AppliedMigration(track: track.name, version: migration.version, name: migration.name))
            }
        }
        return applied
    }

    /// Applies one track.
    @discardableResult
    public func apply(_ track: MigrationTrack) throws -> [AppliedMigration] {
        try apply([track])
    }

    private func apply(_ migration: Migration, of track: String) throws {
        logger.info("applying migration", metadata: ["track": "\(track)", "version": "\(migration.version)", "name": "\(migration.name)"])
        try connection.transaction { connection in
            try connection.executeScript(migration.sql)
            try connection.execute(
                "INSERT INTO etl.schema_migrations (track, version, name, checksum) VALUES ($1, $2, $3, $4)",
                [track, migration.version, migration.name, migration.checksum])
        }
    }

    private func createBookkeeping() throws {
        try connection.executeScript("""
            SET LOCAL client_min_messages = warning;
            CREATE SCHEMA IF NOT EXISTS etl;
            CREATE TABLE IF NOT EXISTS etl.schema_migrations (
                track       text NOT NULL,
                version     integer NOT NULL,
                name        text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now(),
                checksum    text NOT NULL,
                PRIMARY KEY (track, version)
            );
            """)
    }

    private func appliedChecksums(of track: String) throws -> [Int: String] {
        var checksums: [Int: String] = [:]
        for row in try connection.query("SELECT version, checksum FROM etl.schema_migrations WHERE track = $1", [track]) {
            checksums[try row.int(0)] = try row.string(1)
        }
        return checksums
    }
}

/// A migration the runner applied, for the tool's log line.
public struct AppliedMigration: Sendable, Equatable {
    /// The track it belongs to.
    public let track: String
    /// Its version in the track.
    public let version: Int
    /// Its name.
    public let name: String
}
