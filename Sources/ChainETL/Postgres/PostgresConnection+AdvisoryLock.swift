/// Session-level advisory locks: named mutexes held by a connection until released or until the connection
/// ends (so a crashed run never leaves one behind). They keep two runs of a tool, or two migration runners,
/// from working on the same database at once.
extension PostgresConnection {
    /// Takes the lock if it is free and returns true; returns false at once if another session holds it.
    public func tryAdvisoryLock(_ key: AdvisoryLockKey) throws -> Bool {
        try query("SELECT pg_try_advisory_lock($1::bigint)", [key.value])[0].bool(0)
    }

    /// Takes the lock, waiting as long as another session holds it.
    public func advisoryLock(_ key: AdvisoryLockKey) throws {
        try query("SELECT pg_advisory_lock($1::bigint)", [key.value])
    }

    /// Releases one hold of the lock; returns false if this session did not hold it.
    @discardableResult
    public func advisoryUnlock(_ key: AdvisoryLockKey) throws -> Bool {
        try query("SELECT pg_advisory_unlock($1::bigint)", [key.value])[0].bool(0)
    }
}
