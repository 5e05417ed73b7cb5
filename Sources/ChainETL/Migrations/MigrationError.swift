/// Why migrations could not be applied. The checksum case is the important one: it means the code and the
/// database disagree about the schema, and only a person can decide which one is right.
public enum MigrationError: ChainETLError, Equatable {
    /// An applied migration's SQL differs from this build's.
    case checksumMismatch(track: String, version: Int, name: String, location: String)
    /// The track definition itself is wrong (a programming error).
    case invalidTrack(track: String, reason: String)

    public var exitStatus: ExitStatus { .usage }

    public var description: String {
        switch self {
        case let .checksumMismatch(track, version, name, location):
            return "migration \(track)/\(version) (\(name)) applied to \(location) has different SQL than this build: "
                + "the schema and the code disagree; run the chain-etl version that created this database, "
                + "or add a new migration instead of editing an applied one"
        case let .invalidTrack(track, reason):
            return "migration track \"\(track)\" is invalid: \(reason); fix its definition in the code"
        }
    }
}
