/// One numbered, never-edited step of a schema. Its checksum is recorded when it is applied, so a later
/// build whose SQL differs is caught instead of silently leaving databases with different schemas.
public struct Migration: Sendable, Equatable {
    /// Position in its track; applied in ascending order, each once.
    public let version: Int
    /// A short human name, shown in logs and stored in `etl.schema_migrations`.
    public let name: String
    /// The SQL, possibly several statements. It runs inside a transaction, so no `CREATE INDEX CONCURRENTLY`.
    public let sql: String

    /// A migration; `version` must be positive and unique within its track.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// 64-bit FNV-1a of the exact SQL text, as 16 hex digits. It detects edits, not attacks, so a
    /// dependency-free hash is enough; any change, even whitespace, counts as a change.
    public var checksum: String {
        let hash = AdvisoryLockKey.fnv1a64(sql)
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
