@testable import ChainETL
import SimNode
import Testing
import TestSupport

/// The two ways a batch's spends reach the tables: the known-places route (spends within the batch settled in
/// memory, recent places copied and checked) must write exactly what the staging route writes, and leave
/// every irregular spend to the staging route's verdict.
@Suite("ChainWriter spend routes", .temporaryDatabase)
struct SpendRouteTests {
    private static let rules = ValidationRules(parameters: Chain.bitcoin.parameters)

    /// A simnode chain as copy-raw derives it, at verbosity 3 (every prevout known).
    private static func simnodeBlocks() throws -> [BlockRows] {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 47, initialBlocks: 150, transactionsPerBlock: 15))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        return try LandedRows.read(from: database.connect(), hashes: (0...node.blockCount).map { node.blockHash(atHeight: $0)! })
    }

    /// The same rows as a verbosity-2 answer gives them: no spent output known, so no input totals or fees.
    private static func withoutPrevouts(_ rows: BlockRows) -> BlockRows {
        var stripped = rows
        for index in stripped.inputs.indices {
            stripped.inputs[index].address = nil
            stripped.inputs[index].value = nil
        }
        for index in stripped.transactions.indices where !stripped.transactions[index].isCoinbase {
            stripped.transactions[index].inputValue = nil
            stripped.transactions[index].fee = nil
        }
        return stripped
    }

    /// Writes `blocks` in batches of `batchSize`, each in its own transaction, remembering committed batches
    /// as copy-raw does; returns the routes taken and the tables.
    private static func write(
        _ blocks: [BlockRows], batchSize: Int, route: SpendRoute
    ) throws -> (routes: [SpendRoute], snapshot: ChainSnapshot) {
        let target = try TestDatabase.create()
        defer { try? target.drop() }
        let connection = try target.connect()
        _ = try CraftedChain(connection: connection)
        var recent = RecentTransactions()
        var routes: [SpendRoute] = []
        for start in stride(from: 0, to: blocks.count, by: batchSize) {
            let batch = PreparedBatch(Array(blocks[start..<min(start + batchSize, blocks.count)]))
            routes.append(try connection.transaction {
                try ChainWriter(connection: $0).append(batch, rules: rules, recent: recent, route: route)
            })
            recent.remember(batch)
        }
        return (routes, try ChainSnapshot.read(connection))
    }

    @Test("with and without prevouts, the known-places route writes exactly what the staging route writes")
    func routesAgree() throws {
        let verbose = try Self.simnodeBlocks()
        for blocks in [verbose, verbose.map(Self.withoutPrevouts)] {
            let known = try Self.write(blocks, batchSize: 7, route: .knownPlaces)
            let staged = try Self.write(blocks, batchSize: 7, route: .staging)
            #expect(known.routes.allSatisfy { $0 == .knownPlaces })
            #expect(staged.routes.allSatisfy { $0 == .staging })
            let inputs = known.snapshot.tables["chain.inputs"] ?? []
            #expect(inputs.count > 1_000)
            #expect(known.snapshot == staged.snapshot)
        }
    }

    /// Txids of 64 hex digits, which `RecentTransactions` remembers.
    private static let a = String(repeating: "a", count: 64)
    private static let x = String(repeating: "b", count: 64)
    private static let y = String(repeating: "d", count: 64)

    /// Block 0, whose coinbase is `a`, committed; then `spenders` blocks spending it (with the prevout the node
    /// would send) are appended as one batch with `a` remembered. Returns the route or the refusal.
    private static func spendCommitted(
        _ spenders: [[(txid: String, spends: [String])]], on connection: PostgresConnection, prevoutValue: Int64 = 10
    ) throws -> SpendRoute {
        _ = try CraftedChain(connection: connection)
        let committed = PreparedBatch([SketchedBlock.rows(0, [(a, [])])])
        var recent = RecentTransactions()
        try connection.transaction { try ChainWriter(connection: $0).append(committed, rules: rules, recent: recent) }
        recent.remember(committed)
        var blocks: [BlockRows] = []
        for (offset, transactions) in spenders.enumerated() {
            var rows = SketchedBlock.rows(Int64(offset + 1), transactions)
            for index in rows.inputs.indices {
                rows.inputs[index].address = "addr"
                rows.inputs[index].value = prevoutValue
            }
            for index in rows.transactions.indices where !rows.transactions[index].isCoinbase {
                let inputValue = prevoutValue * Int64(rows.transactions[index].inputCount)
                rows.transactions[index].inputValue = inputValue
                rows.transactions[index].fee = inputValue - rows.transactions[index].outputValue
            }
            blocks.append(rows)
        }
        return try connection.transaction {
            try ChainWriter(connection: $0).append(PreparedBatch(blocks), rules: rules, recent: recent)
        }
    }

    @Test("a committed output spent twice in one batch is refused by the staging route, naming the later input")
    func doubleSpendOfCommittedOutput() throws {
        let connection = try TestDatabase.current.connect()
        #expect {
            try Self.spendCommitted([[("c1", []), (Self.x, [Self.a])], [("c2", []), (Self.y, [Self.a])]], on: connection)
        } throws: { error in
            guard let failure = error as? BlockValidationFailure else { return false }
            return failure.height == 2 && failure.rule == .spentOutputKnown
                && failure.reason.contains("transaction \(Self.y)") && failure.reason.contains("already spent at height 1")
        }
        #expect(try connection.query("SELECT count(*) FROM chain.inputs")[0].int(0) == 0)
    }

    @Test("a prevout that disagrees with the committed output is refused by the staging route")
    func disagreeingPrevout() throws {
        let connection = try TestDatabase.current.connect()
        #expect {
            try Self.spendCommitted([[("c1", []), (Self.x, [Self.a])]], on: connection, prevoutValue: 11)
        } throws: { error in
            guard let failure = error as? BlockValidationFailure else { return false }
            return failure.height == 1 && failure.rule == .spentOutputKnown && failure.reason.contains("prevout says 11")
        }
    }

    @Test("a regular spend of a committed output at its remembered place goes by known places and is marked")
    func regularSpendOfCommittedOutput() throws {
        let connection = try TestDatabase.current.connect()
        let route = try Self.spendCommitted(
            [[("c1", []), (Self.x, [Self.a])], [("c2", []), (Self.y, [Self.x])]], on: connection)
        #expect(route == .knownPlaces)
        let spent = try connection.query("""
            SELECT block_height, tx_index, spent_height FROM chain.outputs WHERE spent_height IS NOT NULL
            ORDER BY block_height
            """).map { "\(try $0.int64(0)):\(try $0.int(1)) by \(try $0.int64(2))" }
        #expect(spent == ["0:0 by 1", "1:1 by 2"])
        let inputs = try connection.query("""
            SELECT block_height, spent_block_height, spent_tx_index, value FROM chain.inputs ORDER BY block_height
            """).map { "\(try $0.int64(0)) spends \(try $0.int64(1)):\(try $0.int(2)) of \(try $0.int64(3))" }
        #expect(inputs == ["1 spends 0:0 of 10", "2 spends 1:1 of 10"])
    }
}
