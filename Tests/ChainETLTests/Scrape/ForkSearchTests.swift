import ChainETL
import Testing

@Suite("Fork search between the stored chain and the node")
struct ForkSearchTests {
    /// A chain of `length` blocks whose hashes are `prefix` + height, so two chains share a prefix up to a fork.
    private func chain(_ length: Int64, forkAbove fork: Int64? = nil, branch: String = "b") -> [Int64: String] {
        var hashes: [Int64: String] = [:]
        for height in 0..<length {
            hashes[height] = (fork.map { height > $0 } ?? false ? branch : "a") + String(height)
        }
        return hashes
    }

    private func compare(
        stored: [Int64: String], node: [Int64: String], maximumDepth: Int64 = 100, bottomParent: String? = nil,
        hadBlocksBelow: Bool = true, calls: inout Int
    ) throws -> ForkSearch.Outcome {
        var count = 0
        defer { calls = count }
        let bottom = stored.keys.min().flatMap { height in
            height > 0 ? StoredBottom(height: height, parentHash: bottomParent, hadBlocksBelow: hadBlocksBelow) : nil
        }
        return try ForkSearch(maximumDepth: maximumDepth).compare(
            storedTip: stored.keys.max() ?? -1, bottom: { bottom }, nodeTip: Int64(node.count) - 1,
            storedHashes: { range in stored.filter { range.contains($0.key) } },
            nodeHashes: { range in
                count += 1
                return node.filter { range.contains($0.key) }
            }
        )
    }

    @Test("An extended chain is in sync after one comparison")
    func inSync() throws {
        var calls = 0
        #expect(try compare(stored: chain(50), node: chain(60), calls: &calls) == .inSync)
        #expect(calls == 1)
        #expect(try compare(stored: chain(50), node: chain(50), calls: &calls) == .inSync)
    }

    @Test("A node below the stored tip on the same chain is behind, not a reorg")
    func nodeBehind() throws {
        var calls = 0
        #expect(try compare(stored: chain(50), node: chain(40), calls: &calls) == .nodeBehind(nodeTip: 39))
    }

    @Test("A node behind the stored tip at a height the store lacks (a gap) is behind, not a reorg")
    func nodeBehindOverGap() throws {
        var calls = 0
        let stored = chain(50).filter { !(35...45).contains($0.key) }
        #expect(try compare(stored: stored, node: chain(40), calls: &calls) == .nodeBehind(nodeTip: 39))
        // Below the gap the comparison still finds a real fork.
        #expect(try compare(stored: stored, node: chain(40, forkAbove: 30), calls: &calls)
            == .reorg(forkHeight: 30, depth: 19))
    }

    @Test("A node below the pruned bottom of the store is behind, and is not asked for hashes")
    func nodeBelowPrunedBottom() throws {
        var calls = 0
        let stored = chain(150_000).filter { $0.key >= 149_800 }
        #expect(try compare(stored: stored, node: chain(50), calls: &calls) == .nodeBehind(nodeTip: 49))
        #expect(calls == 0)
    }

    @Test("A fork below the bottom of a store started higher up takes every stored block off, within the maximum")
    func forkBelowTheBottom() throws {
        var calls = 0
        let stored = chain(53).filter { $0.key >= 50 }
        // The node's chain forks above 49: its block 49 is the parent block 50 names.
        #expect(try compare(stored: stored, node: chain(55, forkAbove: 49), bottomParent: "a49", calls: &calls)
            == .reorg(forkHeight: 49, depth: 3))
        #expect(throws: ReorgTooDeepError.self) {
            try compare(stored: stored, node: chain(55, forkAbove: 49), maximumDepth: 2, bottomParent: "a49", calls: &calls)
        }
        // Forking lower, its block 49 is another: blocks below the store (copied, then pruned) left too, so
        // the fork cannot be placed and nothing is undone.
        #expect(throws: ReorgTooDeepError.self) {
            try compare(stored: stored, node: chain(55, forkAbove: 45), bottomParent: "a49", calls: &calls)
        }
        // Unless nothing was ever stored below (a store started at 50): then nothing below has to leave.
        #expect(try compare(stored: stored, node: chain(55, forkAbove: 45), bottomParent: "a49", hadBlocksBelow: false,
                            calls: &calls) == .reorg(forkHeight: 49, depth: 3))
    }

    @Test("Reorgs of depth 1, 6 and 100 with longer, equal and shorter branches", arguments: [
        (Int64(1), Int64(2)), (1, 1), (6, 7), (6, 6), (6, 3), (100, 101), (100, 100), (100, 40),
    ])
    func reorg(depth: Int64, branchLength: Int64) throws {
        let storedLength: Int64 = 300
        let fork = storedLength - 1 - depth
        let node = chain(fork + 1 + branchLength, forkAbove: fork)
        var calls = 0
        let outcome = try compare(stored: chain(storedLength), node: node, calls: &calls)
        #expect(outcome == .reorg(forkHeight: fork, depth: depth))
    }

    @Test("A fork deeper than the maximum stops with an error, one block deeper than allowed included")
    func tooDeep() throws {
        var calls = 0
        #expect(throws: ReorgTooDeepError.self) {
            try compare(stored: chain(300), node: chain(300, forkAbove: 199 - 1), maximumDepth: 100, calls: &calls)
        }
        // Depth exactly at the maximum is allowed.
        #expect(try compare(stored: chain(300), node: chain(300, forkAbove: 199), maximumDepth: 100, calls: &calls)
            == .reorg(forkHeight: 199, depth: 100))
    }

    @Test("A node on a different chain altogether is refused")
    func differentChain() throws {
        var calls = 0
        let other = chain(20).mapValues { "x" + $0 }
        #expect(throws: ReorgTooDeepError.self) {
            try compare(stored: chain(20), node: other, calls: &calls)
        }
    }
}
