/// Decides whether the stored best chain still agrees with the node's, and if not, where they fork.
///
/// Pure logic over two hash lookups, so every reorg shape (longer, equal, shorter branch; a lagging node; a fork
/// deeper than allowed) is tested without a node or a database. Because each block commits its hash and its
/// previous hash, agreement at one height implies agreement at every height below it; the search walks down in
/// growing windows until it finds such a height.
public struct ForkSearch: Sendable {
    /// The answer for one comparison of the stored chain with the node's.
    public enum Outcome: Sendable, Equatable {
        /// The node's chain extends the stored one (or equals it): nothing to undo.
        case inSync
        /// The node's tip is below the stored tip and agrees with it there (at the highest stored height at or
        /// below it, or the store holds nothing that low): the node is catching up (for example after a restart
        /// from an older snapshot); nothing is undone and nothing is fetched.
        case nodeBehind(nodeTip: Int64)
        /// The chains fork above `forkHeight`: stored blocks `forkHeight+1 ... storedTip` left the best chain.
        case reorg(forkHeight: Int64, depth: Int64)
    }

    /// The deepest reorg the search may undo (`--max-reorg-depth`).
    public var maximumDepth: Int64

    public init(maximumDepth: Int64) {
        self.maximumDepth = maximumDepth
    }

    /// Compares the chains.
    ///
    /// - Parameters:
    ///   - storedTip: the height of the highest stored best-chain block.
    ///   - bottom: reads the lowest stored block, when the store does not reach down to genesis (a landing
    ///     zone started with `--from`, or pruned): where a fork below it lies when every stored block
    ///     disagrees. Asked only once the tips disagree, so a comparison in sync costs no lookup for it.
    ///   - nodeTip: the node's best height.
    ///   - storedHashes: the stored best-chain hashes for a range of heights.
    ///   - nodeHashes: the node's best-chain hashes for a range of heights (all within `0...nodeTip`).
    public func compare(
        storedTip: Int64,
        bottom: () throws -> StoredBottom? = { nil },
        nodeTip: Int64,
        storedHashes: (ClosedRange<Int64>) throws -> [Int64: String],
        nodeHashes: (ClosedRange<Int64>) throws -> [Int64: String]
    ) throws -> Outcome {
        let top = min(storedTip, nodeTip)
        if top < 0 { return .inSync }
        // The store may hold no block at the node's tip height (a node behind the stored tip, over a gap or
        // below the pruned bottom). A height the store lacks says nothing either way, so the first comparison
        // is at the highest stored height at or below the node's tip; with none, the node is behind all of it.
        guard let highest = try highestStoredHeight(atOrBelow: top, storedHashes) else {
            return .nodeBehind(nodeTip: nodeTip)
        }
        if try agree(at: highest...highest, storedHashes, nodeHashes).contains(highest) {
            return storedTip > nodeTip ? .nodeBehind(nodeTip: nodeTip) : .inSync
        }
        let bottom = try bottom()
        // Walk down in windows of growing size; the first agreeing height from the top is the fork point.
        var upper = highest - 1
        var window: Int64 = 8
        while upper >= 0 {
            if storedTip - upper > maximumDepth {
                throw ReorgTooDeepError(storedTip: storedTip, maximumDepth: maximumDepth)
            }
            let lower = max(0, upper - window + 1, storedTip - maximumDepth - 1)
            let agreeing = try agree(at: lower...upper, storedHashes, nodeHashes)
            // Agreement at a height implies agreement below it, so the highest agreeing height is the fork.
            if let fork = agreeing.max() {
                guard storedTip - fork <= maximumDepth else {
                    throw ReorgTooDeepError(storedTip: storedTip, maximumDepth: maximumDepth)
                }
                return .reorg(forkHeight: fork, depth: storedTip - fork)
            }
            // Every stored block disagrees and the store holds nothing lower to compare.
            if let bottom, lower <= bottom.height, bottom.height > 0, storedTip - bottom.height + 1 <= maximumDepth,
               try forkLiesJustBelow(bottom, nodeHashes) {
                return .reorg(forkHeight: bottom.height - 1, depth: storedTip - bottom.height + 1)
            }
            upper = lower - 1
            window *= 2
        }
        // Not even the genesis block agrees: a different chain altogether.
        throw ReorgTooDeepError(storedTip: storedTip, maximumDepth: maximumDepth)
    }

    /// Whether every stored block may leave with the fork placed just below `bottom`: the node's block there is
    /// the parent the lowest stored block names (the chains provably agree there), or nothing was ever stored
    /// below it (a landing zone started with `--from`: nothing lower was copied, so nothing lower must leave).
    /// A pruned landing zone whose lowest parent disagrees forked lower, among blocks copy-raw holds: that
    /// cannot be placed, and the caller refuses it.
    private func forkLiesJustBelow(
        _ bottom: StoredBottom, _ nodeHashes: (ClosedRange<Int64>) throws -> [Int64: String]
    ) throws -> Bool {
        let below = bottom.height - 1
        if let parent = bottom.parentHash, try nodeHashes(below...below)[below] == parent { return true }
        return !bottom.hadBlocksBelow
    }

    /// The highest height at or below `top` that the store holds, looked up in windows that double as they go
    /// down, so a node far below a pruned bottom costs a few queries of the store and none of the node.
    private func highestStoredHeight(
        atOrBelow top: Int64, _ storedHashes: (ClosedRange<Int64>) throws -> [Int64: String]
    ) throws -> Int64? {
        var upper = top
        var window: Int64 = 1
        while upper >= 0 {
            let lower = max(0, upper - window + 1)
            if let highest = try storedHashes(lower...upper).keys.max() { return highest }
            upper = lower - 1
            window *= 2
        }
        return nil
    }

    private func agree(
        at range: ClosedRange<Int64>,
        _ storedHashes: (ClosedRange<Int64>) throws -> [Int64: String],
        _ nodeHashes: (ClosedRange<Int64>) throws -> [Int64: String]
    ) throws -> Set<Int64> {
        let stored = try storedHashes(range)
        let node = try nodeHashes(range)
        var heights = Set<Int64>()
        for height in range where stored[height] != nil && stored[height] == node[height] {
            heights.insert(height)
        }
        return heights
    }
}

/// The lowest block of a store that does not reach down to genesis, for a fork below all of it.
public struct StoredBottom: Sendable, Equatable {
    /// Its height.
    public var height: Int64
    /// The previous hash it names.
    public var parentHash: String?
    /// Whether blocks were ever stored below it (pruned, or deleted by hand).
    public var hadBlocksBelow: Bool

    public init(height: Int64, parentHash: String?, hadBlocksBelow: Bool) {
        self.height = height
        self.parentHash = parentHash
        self.hadBlocksBelow = hadBlocksBelow
    }
}

/// The node's chain forks from the stored one deeper than `--max-reorg-depth` allows (or not at all: a different
/// chain). Nothing was changed; a person must decide whether the node or the database is the wrong one.
public struct ReorgTooDeepError: ChainETLError, Equatable {
    public var storedTip: Int64
    public var maximumDepth: Int64

    public var exitStatus: ExitStatus { .failure }

    public var description: String {
        "the node's chain differs from the stored chain more than \(maximumDepth) blocks below the stored tip "
            + "\(storedTip); nothing was changed. Check that NODE_RPC_URL and CHAIN point at the right chain; if this "
            + "reorg is real, run again with a larger --max-reorg-depth."
    }
}
