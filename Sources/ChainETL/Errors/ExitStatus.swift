/// The process exit codes every tool documents, so cron wrappers and shell chains (`scrape && copy-raw`)
/// can tell a retryable overlap from a real failure.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// The run succeeded, including "nothing to do".
    case success = 0
    /// The run failed after its retry budget: data, node or database trouble.
    case failure = 1
    /// The command line or the configuration is wrong; retrying will not help until a person fixes it.
    case usage = 2
    /// Another run of the same tool holds the lock on this database; this run touched nothing.
    case busy = 3

    /// The line the README and `--help` print for this code.
    public var meaning: String {
        switch self {
        case .success: return "success (also when there was nothing to do)"
        case .failure: return "failure after retries (node, database or data); see the message and etl.job_runs"
        case .usage: return "usage or configuration error; fix the command line or the environment"
        case .busy: return "another run of this tool holds the lock on this database; nothing (more) was changed"
        }
    }
}
