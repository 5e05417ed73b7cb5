import ChainETL
import Testing
import TestSupport

/// A quarantined block holds every later block back, but only while it is on the best chain: when a reorg
/// replaces it (its 'left' event arrives), copy-raw passes it by, closes its quarantine entry and copies the
/// new branch, ending exactly where a fresh copy of the same landing zone ends.
@Suite("a reorg that replaces a quarantined block releases the queue", .temporaryDatabase)
struct QuarantineReorgTests {
    @Test("the replacement branch is copied and the quarantine entry closed", arguments: [false, true])
    func reorgReplacesQuarantinedBlock(alsoReplacingItsParent: Bool) throws {
        var scenario = try QuarantineScenario(database: TestDatabase.current)
        let connection = scenario.connection
        let good = scenario.goodBlock()
        var bad = scenario.block("bad", on: good)
        bad.merkleRootOverride = CraftedLandedBlock.fakeHash("wrong root")
        let after = scenario.block("after", on: bad)
        for block in [good, bad, after] { try block.land(on: connection) }
        let failure = try #require(throws: BlockValidationFailure.self) { try QuietCopyRaw.run(database: scenario.database) }
        #expect(failure.hash == bad.hash)
        #expect(try scenario.chainTip()?.hash == good.hash)

        // The node reorganises: the bad block and the one after it (and, deeper, the good one) leave.
        let forkHeight = alsoReplacingItsParent ? good.height - 1 : good.height
        let departed = try connection.transaction { try LandingZone(connection: $0).leave(above: forkHeight) }
        #expect(departed == (alsoReplacingItsParent ? 3 : 2))
        var parent = alsoReplacingItsParent ? scenario.firstBlock : good
        var branch: [CraftedLandedBlock] = []
        for seed in (alsoReplacingItsParent ? ["good 2"] : []) + ["replacement", "after 2"] {
            let block = scenario.block(seed, on: parent, transfers: [QuarantineScenario.transfer(seed, spending: [scenario.takeCoin()])])
            try block.land(on: connection)
            branch.append(block)
            parent = block
        }

        let summary = try QuietCopyRaw.run(database: scenario.database)
        #expect(summary.blocksCopied == branch.count)
        #expect(summary.blocksRemoved == (alsoReplacingItsParent ? 1 : 0))
        #expect(try scenario.chainTip()?.hash == branch.last?.hash)
        #expect(try scenario.quarantine().map(\.hash) == [bad.hash])
        #expect(try scenario.quarantine().map(\.resolved) == [true])
        #expect(try scenario.lastRun()?.status == "success")
        // The refused block never reached the analytics tables.
        #expect(try connection.query("SELECT count(*) FROM chain.block_changes WHERE hash = $1", [bad.hash]).first?.int(0) == 0)

        // Same tables as a fresh copy of this landing zone into another database.
        let fresh = try TestDatabase.create()
        defer { try? fresh.drop() }
        try QuietCopyRaw.run(database: fresh, rawDatabase: scenario.database)
        #expect(try ChainSnapshot.read(connection) == ChainSnapshot.read(try fresh.connect()))
    }
}
