/// "One at a time" per tool and database: a session-level advisory lock named after the tool. The lock lives
/// as long as the connection that took it, so a run killed with `kill -9` releases it automatically when
/// the server notices the connection is gone.
///
/// Key: `AdvisoryLockKey(name: "chain-etl:" + tool)`, i.e. 64-bit FNV-1a of that UTF-8 text as a signed
/// bigint. Any program (or a person in psql: `SELECT pg_try_advisory_lock(<key>)`) can compute the same key.
public struct ToolLock: Sendable, Equatable {
    /// The tool the lock belongs to (`scrape`, `copy-raw`, ...).
    public let tool: String
    /// The advisory lock key.
    public let key: AdvisoryLockKey

    /// The lock of `tool` (not yet taken).
    public init(tool: String) {
        self.tool = tool
        self.key = AdvisoryLockKey(name: "chain-etl:" + tool)
    }

    /// Takes the lock of `tool` on `connection` without waiting; throws `ToolBusyError` if another session
    /// holds it. Keep the connection open for the whole run: closing it releases the lock.
    @discardableResult
    public static func acquire(tool: String, on connection: PostgresConnection) throws -> ToolLock {
        let lock = ToolLock(tool: tool)
        guard try connection.tryAdvisoryLock(lock.key) else {
            throw ToolBusyError(tool: tool, location: connection.location)
        }
        return lock
    }

    /// Releases the lock early (normally the end of the connection does it).
    public func release(on connection: PostgresConnection) throws {
        try connection.advisoryUnlock(key)
    }
}
