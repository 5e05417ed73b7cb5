/// Why a `build-top10` run could not do its job, in one line that says what to do.
public enum BuildTop10Error: ChainETLError, Equatable {
    /// An input table another tool creates does not exist yet (e.g. `wallet-stats` never ran here).
    case missingInput(table: String, producer: String, location: String)
    /// The `--export-json` directory cannot be created or is not a directory.
    case exportDirectoryUnusable(path: String, reason: String)
    /// Writing or publishing an export file failed after `filesReplaced` files had been replaced (0 when it
    /// failed before publishing anything, which is the rule: every file is written before any is renamed).
    case exportFailed(path: String, reason: String, filesReplaced: Int)

    public var exitStatus: ExitStatus {
        switch self {
        case .missingInput, .exportFailed: return .failure
        case .exportDirectoryUnusable: return .usage
        }
    }

    public var description: String {
        switch self {
        case .missingInput(let table, let producer, let location):
            return "input table \(table) does not exist in \(SecretMasking.masked(location)); "
                + "run \(producer) first (the hourly chain runs it before build-top10)"
        case .exportDirectoryUnusable(let path, let reason):
            return "cannot use --export-json directory \(path): \(reason); "
                + "pass a directory this user can create and write"
        case .exportFailed(let path, let reason, let filesReplaced):
            let kept = filesReplaced == 0
                ? "the files already there were left unchanged"
                : "\(filesReplaced) files had already been replaced"
            return "exporting JSON to \(path) failed: \(reason); \(kept); fix the cause and run build-top10 again"
        }
    }
}
