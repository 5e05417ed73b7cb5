/// The connection a run held its lock on dropped, and by the time it was open again another run of the same tool
/// had taken the lock: that run carries on from what this one committed, so this one stops with the "busy" code.
public struct LockTakenOverError: ChainETLError, Equatable {
    /// The tool whose lock was taken over.
    public let tool: String
    /// The database, as `PostgresConnection.location` prints it (no password).
    public let location: String

    public var exitStatus: ExitStatus { .busy }

    public var description: String {
        "the connection to \(SecretMasking.masked(location)) was lost and another \(tool) run has taken the lock "
            + "since; what this run committed stays, and that run continues from there"
    }
}
