/// What a finished run reports into its `etl.job_runs` row. Counts and heights are optional because not
/// every tool has them (and a run that failed early has none).
public struct JobRunOutcome: Sendable, Equatable {
    /// `success` or `failure` (the other statuses are set by `JobRuns` itself).
    public var status: JobRunStatus
    /// Rows (or blocks) read.
    public var rowsIn: Int64?
    /// Rows written.
    public var rowsOut: Int64?
    /// First block height processed.
    public var fromHeight: Int64?
    /// Last block height processed.
    public var toHeight: Int64?
    /// The one-line error for a failure; passwords are masked before it is stored.
    public var error: String?

    /// An outcome; every field but the status is optional.
    public init(status: JobRunStatus, rowsIn: Int64? = nil, rowsOut: Int64? = nil, fromHeight: Int64? = nil,
                toHeight: Int64? = nil, error: String? = nil) {
        self.status = status
        self.rowsIn = rowsIn
        self.rowsOut = rowsOut
        self.fromHeight = fromHeight
        self.toHeight = toHeight
        self.error = error
    }

    /// A successful run with its counts.
    public static func success(rowsIn: Int64? = nil, rowsOut: Int64? = nil, fromHeight: Int64? = nil,
                               toHeight: Int64? = nil) -> JobRunOutcome {
        JobRunOutcome(status: .success, rowsIn: rowsIn, rowsOut: rowsOut, fromHeight: fromHeight, toHeight: toHeight)
    }

    /// A failed run; `error`'s description is stored (masked).
    public static func failure(_ error: any Error, rowsIn: Int64? = nil, rowsOut: Int64? = nil) -> JobRunOutcome {
        JobRunOutcome(status: .failure, rowsIn: rowsIn, rowsOut: rowsOut, error: String(describing: error))
    }
}
