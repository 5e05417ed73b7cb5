/// Decides what to apply, from the track and what the database says was applied. Pure logic: it is where a
/// changed migration is caught, and it is tested without a server.
public struct MigrationPlan: Sendable, Equatable {
    /// Migrations not yet applied, in version order.
    public let pending: [Migration]
    /// Versions the database has that this build does not know (a newer build ran): reported, not an error.
    public let unknownVersions: [Int]

    /// Compares `track` with `applied` (version → recorded checksum). Throws if any applied migration's
    /// checksum differs from this build's.
    public init(track: MigrationTrack, applied: [Int: String], location: String) throws(MigrationError) {
        try track.validate()
        let known = Dictionary(uniqueKeysWithValues: track.migrations.map { ($0.version, $0) })
        for (version, checksum) in applied.sorted(by: { $0.key < $1.key }) {
            if let migration = known[version], migration.checksum != checksum {
                throw .checksumMismatch(track: track.name, version: version, name: migration.name, location: location)
            }
        }
        pending = track.migrations.filter { applied[$0.version] == nil }.sorted { $0.version < $1.version }
        unknownVersions = applied.keys.filter { known[$0] == nil }.sorted()
    }
}
