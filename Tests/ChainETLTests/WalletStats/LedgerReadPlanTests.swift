@testable import ChainETL
import Logging
import Testing
import TestSupport

/// wallet-stats reads the ledger by block through its BRIN index, which a join on heights alone cannot use: on a
/// mainnet-sized ledger that join reads every row. Each read by block must hand the index a range of heights.
@Suite("wallet-stats: ledger reads by block reach the BRIN index", .temporaryDatabase)
struct LedgerReadPlanTests {
    /// A ledger of 40 blocks, 50 rows each, and `ws_blocks` holding blocks 30...33 as joined.
    private static func prepare() throws -> PostgresConnection {
        let connection = try TestDatabase.current.connect()
        try MigrationRunner(connection: connection, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
            .apply([CoreMigrations.track, ChainSchema.track])
        try connection.executeScript("""
            INSERT INTO chain.blocks (height, hash, time, tx_count, difficulty, input_count, output_count, supply)
            SELECT h, md5(h::text), timestamptz '2024-01-01 00:00:00+00' + h * interval '1 hour', 50, 1, 0, 50, 0
            FROM generate_series(0, 39) AS h;
            INSERT INTO chain.address_movements (block_height, tx_index, address, received, sent)
            SELECT h, t, '1' || md5(h::text || t::text), 1000, 0
            FROM generate_series(0, 39) AS h, generate_series(0, 49) AS t;
            ANALYZE chain.blocks, chain.address_movements;
            CREATE TEMP TABLE ws_blocks AS
            SELECT hash, height, time, (time AT TIME ZONE 'UTC')::date AS day, 'joined'::text AS first_change,
                   height AS first_sequence, 'joined'::text AS last_change
            FROM chain.blocks WHERE height BETWEEN 30 AND 33;
            SET enable_seqscan = off;
            """)
        return connection
    }

    private static func plan(_ sql: String, _ parameters: [(any PostgresBindable)?],
                             on connection: PostgresConnection) throws -> String {
        try connection.query("EXPLAIN (COSTS OFF) " + sql, parameters).map { try $0.string(0) }.joined(separator: "\n")
    }

    private static let rangeCondition =
        "Index Cond: ((block_height >= '30'::bigint) AND (block_height <= '33'::bigint))"

    @Test("the rows of the changed blocks: a bitmap scan of their height range")
    func ledgerDelta() throws {
        let connection = try Self.prepare()
        let plan = try Self.plan(LedgerDelta.movementsSQL, [Int64(30), Int64(33)], on: connection)
        #expect(plan.contains("Bitmap Index Scan on address_movements_block_height_idx"), "\(plan)")
        #expect(plan.contains(Self.rangeCondition), "\(plan)")

        try connection.execute(LedgerDelta.movementsSQL.replacingOccurrences(of: "ON COMMIT DROP", with: ""),
                               [Int64(30), Int64(33)])
        let read = try connection.query("SELECT count(*), min(block_height), max(block_height) FROM ws_movements")[0]
        #expect(try [read.int64(0), read.int64(1), read.int64(2)] == [200, 30, 33])
    }

    @Test("the days the address window fills in: the heights of their blocks first, then a bitmap scan of them")
    func addressDailyFill() throws {
        let connection = try Self.prepare()
        // Block 30 is at 2024-01-02 06:00 UTC; the day 2024-01-02 holds blocks 24...39 (the table ends there).
        let heights = try connection.query(AddressDailyWindow.fillHeightsSQL, ["2024-01-02", nil])[0]
        #expect(try heights.int64(0) == 24)
        #expect(try heights.int64(1) == 39)
        let plan = try Self.plan(AddressDailyWindow.fillDaysSQL, ["2024-01-02", nil, Int64(30), Int64(33)],
                                 on: connection)
        #expect(plan.contains("Bitmap Index Scan on address_movements_block_height_idx"), "\(plan)")
        #expect(plan.contains(Self.rangeCondition), "\(plan)")
    }
}
