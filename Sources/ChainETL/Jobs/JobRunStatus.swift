/// The values of `etl.job_runs.status` (the table's CHECK constraint lists the same).
public enum JobRunStatus: String, Sendable, CaseIterable {
    /// The run started and has not finished (or crashed: see `abandoned`).
    case running
    /// The run finished its work.
    case success
    /// The run stopped with an error; `error` says which.
    case failure
    /// Another run held the lock; this one did nothing.
    case busy
    /// A `running` row found by a later run that holds the lock: the run it belonged to died.
    case abandoned
}
