import ChainETL
import Logging
import Testing
import TestSupport

/// copy-raw marks outputs spent in later batches; whether that update can stay on the output's page (and skip
/// the primary key) depends on the room the table leaves on its pages.
@Suite("ChainSchema storage", .temporaryDatabase)
struct ChainSchemaStorageTests {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    @Test("marking a seventh of the outputs spent, as a later batch does, keeps every new version on its page")
    func spentMarksStayOnTheirPage() throws {
        let connection = try TestDatabase.current.connect()
        try MigrationRunner(connection: connection, logger: logger).apply([CoreMigrations.track, ChainSchema.track])
        // Mainnet-shaped rows: 64-character txids, 34-character addresses.
        try connection.execute("""
            INSERT INTO chain.outputs (block_height, tx_index, n, txid, address, script_type, value)
            SELECT 1, i, 0, md5(i::text) || md5((i + 1)::text), '1' || left(md5((-i)::text), 33), 'pubkeyhash', 1000
            FROM generate_series(0, 719) AS i
            """)
        let marked = try connection.transaction { connection in
            let marked = try connection.execute("UPDATE chain.outputs SET spent_height = 2 WHERE tx_index % 7 = 0")
            let rows = try connection.query("""
                SELECT pg_stat_get_xact_tuples_updated('chain.outputs'::regclass),
                       pg_stat_get_xact_tuples_hot_updated('chain.outputs'::regclass)
                """)
            #expect(try rows[0].int(0) == marked)
            #expect(try rows[0].int(1) == marked, "every spent mark should be a HOT update")
            return marked
        }
        #expect(marked == 103)
    }
}
