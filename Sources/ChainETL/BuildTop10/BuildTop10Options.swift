/// What one `build-top10` run does beyond the defaults, set from the command line.
public struct BuildTop10Options: Sendable, Equatable {
    /// Where `--export-json` writes the stats tables as JSON files; nil for no export.
    public var exportDirectory: String?
    /// How long the export may wait for a table another session holds an exclusive lock on.
    public var exportLockTimeoutMilliseconds: Int = 60_000
    /// How a database session that drops mid-run is reconnected before the run is given up (the run's one
    /// transaction then runs again from the start).
    public var reconnectPolicy = RetryPolicy.reconnecting

    /// The defaults: rebuild only, no export.
    public init(exportDirectory: String? = nil) {
        self.exportDirectory = exportDirectory
    }
}
