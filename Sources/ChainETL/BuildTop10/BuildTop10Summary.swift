/// What a `build-top10` run did: the rebuild's outcome and the files exported.
public struct BuildTop10Summary: Sendable, Equatable {
    /// The tables, their new row counts and which of them changed.
    public var rebuild: TopTablesRebuildResult
    /// The JSON files published, by name (empty without `--export-json`).
    public var exportedFiles: [String]

    /// A summary of `rebuild` and the export.
    public init(rebuild: TopTablesRebuildResult, exportedFiles: [String]) {
        self.rebuild = rebuild
        self.exportedFiles = exportedFiles
    }

    /// The counts in parentheses on the summary line: `(4 tables changed, 12 files)`.
    var details: [(count: Int, unit: String)] {
        var details = [(rebuild.changedTables.count, "tables changed")]
        if !exportedFiles.isEmpty { details.append((exportedFiles.count, "files")) }
        return details
    }
}
