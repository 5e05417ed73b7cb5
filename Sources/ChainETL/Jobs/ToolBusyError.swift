/// Another run of the same tool holds its lock on this database. Not a failure: cron started the next run
/// while the previous one was still working, so this run exits with the "busy" code and touches nothing.
public struct ToolBusyError: ChainETLError, Equatable {
    /// The tool whose lock is held.
    public let tool: String
    /// The database, as `PostgresConnection.location` prints it (no password).
    public let location: String

    /// The error for `tool` on the database at `location`.
    public init(tool: String, location: String) {
        self.tool = tool
        self.location = location
    }

    public var exitStatus: ExitStatus { .busy }

    public var description: String {
        "another \(tool) run holds the lock on \(SecretMasking.masked(location)); nothing was changed"
    }
}
