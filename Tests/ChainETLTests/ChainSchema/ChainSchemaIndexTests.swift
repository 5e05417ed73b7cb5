import ChainETL
import Logging
import Testing
import TestSupport

/// Every index on a chain table is paid for by every row copy-raw writes, so the set is part of the design:
/// these are the lookups the tools make, and nothing else.
@Suite("ChainSchema indexes", .temporaryDatabase)
struct ChainSchemaIndexTests {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    private static func indexes(_ connection: PostgresConnection) throws -> [String] {
        try connection.query("""
            SELECT tablename || ': ' || regexp_replace(indexdef, '^.* USING ', '') FROM pg_indexes
            WHERE schemaname = 'chain' AND tablename IN ('transactions', 'outputs', 'inputs', 'address_movements')
            ORDER BY 1
            """).map { try $0.string(0) }
    }

    private static let expected = [
        "address_movements: brin (block_height)",
        "address_movements: btree (address, block_height)",
        "inputs: btree (block_height, tx_index, n)",
        "outputs: btree (block_height, tx_index, n)",
        "transactions: btree (block_height, tx_index)",
        "transactions: hash (txid)",
    ]

    @Test("keys by place, txids through one hash index on transactions, the ledger by block and by address")
    func freshDatabase() throws {
        let connection = try TestDatabase.current.connect()
        try MigrationRunner(connection: connection, logger: logger).apply([CoreMigrations.track, ChainSchema.track])
        #expect(try Self.indexes(connection) == Self.expected)
    }

    @Test("a database created with the first chain schema keeps its rows and ends with the same indexes")
    func upgradedDatabase() throws {
        let database = try TestDatabase.create()
        defer { try? database.drop() }
        let connection = try database.connect()
        let runner = MigrationRunner(connection: connection, logger: logger)
        let first = MigrationTrack(name: ChainSchema.track.name, migrations: [ChainSchema.track.migrations[0]])
        try runner.apply([CoreMigrations.track, first])
        try connection.executeScript("""
            INSERT INTO chain.transactions VALUES (0, 0, repeat('a', 64), true, 1, 1, 0, 1, 0, 50, 0);
            INSERT INTO chain.address_movements (block_height, tx_index, address, received, sent) VALUES (0, 0, 'x', 50, 0);
            """)
        try runner.apply([CoreMigrations.track, ChainSchema.track])
        #expect(try Self.indexes(connection) == Self.expected)
        let found = try connection.query(
            "SELECT block_height, tx_index FROM chain.transactions WHERE txid = $1", [String(repeating: "a", count: 64)])
        #expect(found.count == 1)
        #expect(try connection.query("SELECT sum(amount) FROM chain.address_movements")[0].int64(0) == 50)
    }
}
