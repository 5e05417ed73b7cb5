@testable import ChainETL
import Logging
import Testing
import TestSupport

/// The mark of outputs spent at their guessed places is about a fifth of a load's server time; its plan must probe the
/// primary key once per input, in the order of the places spent, whatever the statistics say.
@Suite("ChainWriter: the plan of the spent mark", .temporaryDatabase)
struct MarkSpentPlanTests {
    @Test("inputs sorted by the place they spend, then one primary-key probe each; no hash or merge join",
          arguments: [false, true])
    func sortedProbes(analyzed: Bool) throws {
        let connection = try TestDatabase.current.connect()
        try MigrationRunner(connection: connection, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
            .apply([CoreMigrations.track, ChainSchema.track])
        // 20 blocks of 100 one-output transactions; the inputs of blocks 11...20 spend outputs of blocks 1...10,
        // in the opposite order of their places.
        try connection.execute("""
            INSERT INTO chain.outputs (block_height, tx_index, n, txid, address, script_type, value)
            SELECT h, t, 0, md5(h::text || ':' || t), '1' || md5(t::text), 'pubkeyhash', 1000
            FROM generate_series(1, 20) AS h, generate_series(0, 99) AS t
            """)
        try connection.execute("""
            INSERT INTO chain.inputs (block_height, tx_index, n, txid, spent_txid, spent_n, address, value,
                                      spent_block_height, spent_tx_index)
            SELECT 10 + h, t, 0, md5((10 + h)::text || ':' || t), md5((11 - h)::text || ':' || (99 - t)), 0,
                   '1' || md5((99 - t)::text), 1000, 11 - h, 99 - t
            FROM generate_series(1, 10) AS h, generate_series(0, 99) AS t
            """)
        if analyzed { try connection.executeScript("ANALYZE chain.outputs, chain.inputs") }

        try connection.executeScript("SET enable_hashjoin = off; SET enable_mergejoin = off")
        let plan = try connection.query(
            "EXPLAIN (COSTS OFF) " + ChainWriter.markSpentAtGuessedPlacesSQL, [Int64(11), Int64(20), true]
        ).map { try $0.string(0) }
        let nodes = plan.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("->") || $0.hasPrefix("Update") }
            .map { $0.hasPrefix("->") ? String($0.dropFirst(2)).trimmingCharacters(in: .whitespaces) : $0 }
        // How the inputs of the batch are read (index or bitmap scan) is the planner's choice.
        #expect(Array(nodes.prefix(4)) == ["Update on outputs o", "Nested Loop", "Subquery Scan on i", "Sort"],
                "\(plan.joined(separator: "\n"))")
        #expect(nodes.last == "Index Scan using outputs_pkey on outputs o")
        #expect(!nodes.contains { $0.contains("Hash") || $0.contains("Merge") })
        let sortKey = "Sort Key: inputs.spent_block_height, inputs.spent_tx_index, inputs.spent_n"
        #expect(plan.contains { $0.contains(sortKey) })

        // And it marks every one of them.
        let marked = try connection.execute(ChainWriter.markSpentAtGuessedPlacesSQL, [Int64(11), Int64(20), true])
        #expect(marked == 1_000)
        let spent = try connection.query("""
            SELECT count(*) FROM chain.outputs o
            JOIN chain.inputs i
              ON (i.spent_block_height, i.spent_tx_index, i.spent_n) = (o.block_height, o.tx_index, o.n)
            WHERE o.spent_height = i.block_height
            """)[0].int(0)
        #expect(spent == 1_000)
    }
}
