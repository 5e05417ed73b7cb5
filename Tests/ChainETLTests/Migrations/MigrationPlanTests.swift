import ChainETL
import Testing

/// What to apply, decided without a server.
@Suite struct MigrationPlanTests {
    let track = MigrationTrack(name: "demo", migrations: [
        Migration(version: 2, name: "second", sql: "CREATE TABLE b ()"),
        Migration(version: 1, name: "first", sql: "CREATE TABLE a ()"),
    ])

    @Test func pendingMigrationsComeInVersionOrder() throws {
        let plan = try MigrationPlan(track: track, applied: [:], location: "db")
        #expect(plan.pending.map(\.version) == [1, 2])
        let later = try MigrationPlan(track: track, applied: [1: track.migrations[1].checksum, 7: "x"], location: "db")
        #expect(later.pending.map(\.version) == [2])
        #expect(later.unknownVersions == [7])
    }

    @Test func changedSQLOfAnAppliedMigrationIsRefused() {
        #expect(throws: MigrationError.checksumMismatch(track: "demo", version: 1, name: "first", location: "db")) {
            try MigrationPlan(track: track, applied: [1: "0000000000000000"], location: "db")
        }
    }

    @Test func invalidTracksAreRefused() {
        let duplicate = MigrationTrack(name: "demo", migrations: [
            Migration(version: 1, name: "a", sql: ""), Migration(version: 1, name: "b", sql: ""),
        ])
        #expect(throws: MigrationError.self) { try duplicate.validate() }
        #expect(throws: MigrationError.self) {
            try MigrationTrack(name: "demo", migrations: [Migration(version: 0, name: "a", sql: "")]).validate()
        }
    }

    @Test func checksumIsSixteenHexDigitsAndChangesWithTheText() {
        let a = Migration(version: 1, name: "a", sql: "SELECT 1")
        let b = Migration(version: 1, name: "a", sql: "SELECT 1 ")
        #expect(a.checksum.count == 16)
        #expect(a.checksum != b.checksum)
    }
}
