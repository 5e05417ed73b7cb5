import ChainETL
import Foundation
import SimNode
import TestSupport
import Testing

/// scrape against the simulated node and a real PostgreSQL: landing, idempotence, reorgs, gaps, locks, faults.
@Suite("scrape against simnode", .temporaryDatabase)
struct ScrapeSimNodeTests {
    private func makeNode(blocks: Int, transactions: Int = 6, seed: UInt64 = 7) -> SimNode {
        SimNode(configuration: SimNodeConfiguration(seed: seed, initialBlocks: blocks, transactionsPerBlock: transactions))
    }

    private func nodeChain(_ node: SimNode) -> [String] {
        (0...node.blockCount).map { node.blockHash(atHeight: $0)! }
    }

    @Test("a few hundred blocks land; a second run changes nothing")
    func landsOnceAndOnlyOnce() throws {
        let node = makeNode(blocks: 300)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        let first = try QuietScrape.run(database: database, nodeURL: url)
        #expect(first.blocksLanded == 301)
        let snapshot = try LandingZoneSnapshot.read(database)
        #expect(snapshot.bestChain == nodeChain(node))
        #expect(snapshot.events.map(\.change) == Array(repeating: "joined", count: 301))
        #expect(snapshot.events.map(\.height) == Array(0...300))

        let second = try QuietScrape.run(database: database, nodeURL: url)
        #expect(second.blocksLanded == 0)
        #expect(try LandingZoneSnapshot.read(database) == snapshot)

        // New blocks are picked up from where the last run stopped.
        node.mine(5)
        let third = try QuietScrape.run(database: database, nodeURL: url)
        #expect(third.blocksLanded == 5)
        #expect(third.firstHeight == 301)
        #expect(try LandingZoneSnapshot.read(database).bestChain == nodeChain(node))
    }

    @Test("reorgs between runs: the stored best chain becomes the node's and the events say what left and joined",
          arguments: [(1, 2), (1, 1), (6, 7), (6, 6), (6, 3), (100, 101), (100, 100), (100, 40)])
    func reorgBetweenRuns(depth: Int, newLength: Int) throws {
        let node = makeNode(blocks: 150, transactions: 3)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        let before = nodeChain(node)
        let eventsBefore = try LandingZoneSnapshot.read(database).events.count

        node.reorganize(depth: depth, newLength: newLength)
        let after = nodeChain(node)
        let summary = try QuietScrape.run(database: database, nodeURL: url)
        #expect(summary.reorgDepths == [Int64(depth)])

        let snapshot = try LandingZoneSnapshot.read(database)
        #expect(snapshot.bestChain == after)
        let fork = 150 - depth
        let newEvents = Array(snapshot.events.dropFirst(eventsBefore))
        let expectedLeft = (fork + 1...150).reversed().map {
            LandingZoneSnapshot.Event(change: "left", height: Int64($0), hash: before[$0])
        }
        let expectedJoined = (fork + 1...(fork + newLength)).map {
            LandingZoneSnapshot.Event(change: "joined", height: Int64($0), hash: after[$0])
        }
        #expect(newEvents == expectedLeft + expectedJoined)
        // Blocks that left stay stored, off the best chain.
        let departed = Set(before[(fork + 1)...])
        #expect(snapshot.blocks.filter { departed.contains($0.hash) }.allSatisfy { !$0.inBestChain })
        #expect(snapshot.blocks.filter { departed.contains($0.hash) }.count == depth)
    }

    @Test("a reorg while the run is fetching is followed within the same run")
    func reorgDuringRun() throws {
        let node = makeNode(blocks: 200, transactions: 3)
        let interceptor = InterceptingNode(node: node, reorganizingAfter: 120, depth: 5, newLength: 7)
        let server = try LoopbackHTTPServer(handler: interceptor)
        defer { server.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: "http://simnode:simnode@127.0.0.1:\(server.port)") {
            $0.concurrency = 3
            $0.blocksPerCommit = 10
        }
        // The node moved on during the run; whatever the run ended with is consistent, the next run catches up.
        try QuietScrape.run(database: database, nodeURL: "http://simnode:simnode@127.0.0.1:\(server.port)")
        #expect(try LandingZoneSnapshot.read(database).bestChain == nodeChain(node))
    }

    @Test("a reorg to a shorter branch during the run, above heights not yet asked for, is followed, not a failure")
    func shorterBranchDuringRun() throws {
        // Hashes are asked for 1,000 heights at a time. The reorg comes while the first thousand blocks are
        // fetched and leaves the node's tip below 1,000, so the node refuses the next `getblockhash` batch
        // ("Block height out of range"): the run must take that as the chain change it is.
        let node = makeNode(blocks: 1_030, transactions: 1)
        let heightBefore = node.blockCount
        let interceptor = InterceptingNode(node: node, reorganizingAfter: 600, depth: 40, newLength: 5)
        let server = try LoopbackHTTPServer(handler: interceptor)
        defer { server.stop() }
        let database = try TestDatabase.current
        let summary = try QuietScrape.run(database: database, nodeURL: "http://simnode:simnode@127.0.0.1:\(server.port)") {
            $0.concurrency = 2
            $0.blocksPerCommit = 50
        }
        #expect(node.blockCount == heightBefore - 35 && node.blockCount < 1_000)
        #expect(summary.reorgDepths.count == 1)
        #expect(try LandingZoneSnapshot.read(database).bestChain == nodeChain(node))
    }

    @Test("a reorg deeper than --max-reorg-depth stops the run and changes nothing")
    func reorgTooDeep() throws {
        let node = makeNode(blocks: 60, transactions: 2)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        let before = try LandingZoneSnapshot.read(database)
        node.reorganize(depth: 10, newLength: 12)
        #expect(throws: ReorgTooDeepError.self) {
            try QuietScrape.run(database: database, nodeURL: url) { $0.maximumReorgDepth = 9 }
        }
        #expect(try LandingZoneSnapshot.read(database) == before)
        // With the depth allowed, the same reorg is followed.
        try QuietScrape.run(database: database, nodeURL: url) { $0.maximumReorgDepth = 10 }
        #expect(try LandingZoneSnapshot.read(database).bestChain == nodeChain(node))
    }

    @Test("a block deleted by hand is filled in by the next run")
    func gapIsFilled() throws {
        let node = makeNode(blocks: 80, transactions: 2)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        let connection = try database.connect()
        try connection.execute("DELETE FROM raw.blocks WHERE height IN (30, 31, 55)")
        let summary = try QuietScrape.run(database: database, nodeURL: url)
        #expect(summary.gapBlocksFilled == 3)
        #expect(try LandingZoneSnapshot.read(database).bestChain == nodeChain(node))
    }

    @Test("--from/--to fetch again: unchanged stored blocks are no-ops")
    func refetchIsNoOp() throws {
        let node = makeNode(blocks: 40, transactions: 3)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url) { $0.to = 30 }
        let before = try LandingZoneSnapshot.read(database)
        #expect(before.bestChain.count == 31)
        let again = try QuietScrape.run(database: database, nodeURL: url) {
            $0.from = 10
            $0.to = 30
        }
        #expect(again.blocksUnchanged == 21)
        #expect(again.blocksRefreshed == 0)
        #expect(again.blocksLanded == 0)
        #expect(try LandingZoneSnapshot.read(database) == before)
    }

    @Test("--from below the landing zone's first block is refused before anything changes")
    func backfillBelowBottomIsRefused() throws {
        let node = makeNode(blocks: 40, transactions: 2)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url) { $0.from = 20 }
        let before = try LandingZoneSnapshot.read(database)
        #expect(before.bestChain == Array(nodeChain(node).suffix(21)))
        let error = #expect(throws: BackfillBelowLandingZoneError.self) {
            try QuietScrape.run(database: database, nodeURL: url) {
                $0.from = 0
                $0.to = 25
            }
        }
        #expect(error?.from == 0)
        #expect(error?.bottom == 20)
        #expect(error?.exitStatus == .usage)
        #expect(try LandingZoneSnapshot.read(database) == before)
    }

    @Test("a node restarted behind the stored tip, at a height deleted from the landing zone, undoes nothing")
    func nodeBehindOverGap() throws {
        let ahead = makeNode(blocks: 80, transactions: 2)
        let database = try TestDatabase.current
        do {
            let url = try ahead.start()
            defer { ahead.stop() }
            try QuietScrape.run(database: database, nodeURL: url)
        }
        try database.connect().execute("DELETE FROM raw.blocks WHERE height BETWEEN 35 AND 45")
        let before = try LandingZoneSnapshot.read(database)
        // The same chain, 40 blocks shorter: its tip (height 40) is inside the deleted heights.
        let behind = makeNode(blocks: 40, transactions: 2)
        #expect(nodeChain(behind) == Array(nodeChain(ahead).prefix(41)))
        let url = try behind.start()
        defer { behind.stop() }
        let summary = try QuietScrape.run(database: database, nodeURL: url)
        #expect(summary.reorgDepths.isEmpty)
        #expect(summary.blocksLanded == 0)
        #expect(try LandingZoneSnapshot.read(database) == before)
    }

    @Test("a reorg during --from/--to over stored blocks is followed, not counted as refreshed blocks")
    func reorgDuringRefresh() throws {
        // Hashes are asked for 1,000 heights at a time, so the second thousand's come after the reorg.
        let node = makeNode(blocks: 1_100, transactions: 1)
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: try node.start())
        node.stop()
        let interceptor = InterceptingNode(node: node, reorganizingAfter: 990, depth: 5, newLength: 5)
        let server = try LoopbackHTTPServer(handler: interceptor)
        defer { server.stop() }
        let summary = try QuietScrape.run(database: database, nodeURL: "http://simnode:simnode@127.0.0.1:\(server.port)") {
            $0.from = 0
            $0.to = 1_100
        }
        #expect(summary.reorgDepths == [5])
        #expect(summary.blocksRefreshed == 0)
        #expect(try LandingZoneSnapshot.read(database).bestChain == nodeChain(node))
    }

    @Test("a reorg deeper than a landing zone started with --from replaces all of it, from the same height")
    func reorgBelowTheBottom() throws {
        let node = makeNode(blocks: 200, transactions: 2)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url) { $0.from = 195 }
        let zone = LandingZone(connection: try database.connect())
        #expect(try zone.hasEvents(below: 195) == false)
        #expect(try zone.hasEvents(below: 196) == true)
        try QuietCopyRaw.run(database: database)
        node.reorganize(depth: 10, newLength: 10)
        let summary = try QuietScrape.run(database: database, nodeURL: url)
        #expect(summary.reorgDepths == [6])
        #expect(try LandingZoneSnapshot.read(database).bestChain == Array(nodeChain(node).suffix(6)))
        // The next run continues on top, and copy-raw follows the whole history.
        node.mine(3)
        try QuietScrape.run(database: database, nodeURL: url)
        #expect(try LandingZoneSnapshot.read(database).bestChain == Array(nodeChain(node).suffix(9)))
        let copied = try QuietCopyRaw.run(database: database)
        #expect(copied.blocksRemoved == 6)
        let hashes = try database.connect().query("SELECT hash FROM chain.blocks ORDER BY height").map { try $0.string(0) }
        #expect(hashes == Array(nodeChain(node).suffix(9)))
    }

    @Test("--confirmations keeps the landing zone below the node's tip")
    func confirmations() throws {
        let node = makeNode(blocks: 30, transactions: 2)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url) { $0.confirmations = 6 }
        #expect(try LandingZoneSnapshot.read(database).bestChain == Array(nodeChain(node).prefix(25)))
    }

    @Test("a second scrape while one holds the lock is busy and changes nothing")
    func busy() throws {
        let node = makeNode(blocks: 20, transactions: 2)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        node.mine(3)
        let before = try LandingZoneSnapshot.read(database)
        let holder = try database.connect()
        try ToolLock.acquire(tool: "scrape", on: holder)
        #expect(throws: ToolBusyError.self) { try QuietScrape.run(database: database, nodeURL: url) }
        #expect(try LandingZoneSnapshot.read(database) == before)
        let busyRuns = try holder.query("SELECT count(*) FROM etl.job_runs WHERE tool = 'scrape' AND status = 'busy'")
        #expect(try busyRuns[0].int(0) == 1)
    }

    @Test("faults on 20 % of requests are retried and the result equals a clean run")
    func faultsAreRetried() throws {
        let clean = makeNode(blocks: 150, transactions: 5, seed: 11)
        let cleanURL = try clean.start()
        defer { clean.stop() }
        let cleanDatabase = try TestDatabase.create()
        defer { try? cleanDatabase.drop() }
        try QuietScrape.run(database: cleanDatabase, nodeURL: cleanURL)

        let faulty = makeNode(blocks: 150, transactions: 5, seed: 11)
        faulty.setFaults(FaultSettings(
            errorRate: 0.05, dropRate: 0.05, truncateRate: 0.05, slowRate: 0.05, slowSeconds: 0.02, warmupCalls: 3))
        let faultyURL = try faulty.start()
        defer { faulty.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: faultyURL)
        let expected = try LandingZoneSnapshot.read(cleanDatabase)
        let actual = try LandingZoneSnapshot.read(database)
        #expect(actual.events == expected.events)
        #expect(actual.blocks.count == expected.blocks.count)
        for (stored, clean) in zip(actual.blocks, expected.blocks) where stored != clean {
            Issue.record("block \(stored.height) differs: \(stored) vs \(clean)")
        }
    }

    @Test("permanent faults end the run within seconds with a message that says what to fix")
    func permanentFaults() throws {
        let node = makeNode(blocks: 5, transactions: 2)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        let clock = ContinuousClock()

        let wrongPassword = url.replacingOccurrences(of: ":simnode@", with: ":wrong-secret@")
        let started = clock.now
        do {
            try QuietScrape.run(database: database, nodeURL: wrongPassword)
            Issue.record("a wrong node password was accepted")
        } catch let error as any ChainETLError {
            #expect(error.exitStatus == .failure || error.exitStatus == .usage)
            #expect(!error.description.contains("wrong-secret"))
            #expect(error.description.contains("credentials") || error.description.contains("401"))
        }
        #expect(clock.now - started < .seconds(5))

        let refused = clock.now
        do {
            try QuietScrape.run(database: database, nodeURL: "http://u:p@127.0.0.1:9")
            Issue.record("a refused connection was accepted")
        } catch let error as any ChainETLError {
            #expect(!error.isTransient)
            #expect(error.description.contains("127.0.0.1:9"))
        }
        #expect(clock.now - refused < .seconds(5))
        #expect(try LandingZoneSnapshot.read(database).blocks.isEmpty)
    }
}
