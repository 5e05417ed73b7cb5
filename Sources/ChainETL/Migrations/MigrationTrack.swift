/// A named, independent sequence of migrations: `etl` (this layer's bookkeeping), `raw` (landing zone),
/// `analytics`, ... Each area owns its track, so versions never collide between areas.
public struct MigrationTrack: Sendable, Equatable {
    /// The track's name, the first half of the key in `etl.schema_migrations`.
    public let name: String
    /// The migrations, in any order (they are applied by version).
    public let migrations: [Migration]

    /// A track named `name` holding `migrations`.
    public init(name: String, migrations: [Migration]) {
        self.name = name
        self.migrations = migrations
    }

    /// Checks what a programmer could get wrong: empty name, non-positive or duplicate versions.
    public func validate() throws(MigrationError) {
        guard !name.isEmpty else { throw .invalidTrack(track: name, reason: "the track has no name") }
        var seen = Set<Int>()
        for migration in migrations {
            guard migration.version > 0 else {
                throw .invalidTrack(track: name, reason: "version \(migration.version) is not positive")
            }
            guard seen.insert(migration.version).inserted else {
                throw .invalidTrack(track: name, reason: "version \(migration.version) appears twice")
            }
        }
    }
}
