import ChainETL
import Foundation

/// A deterministic simulated bitcoind. Tests create one with a configuration and either call it in
/// process (`reply(to:)`, `mine(_:)`, `reorganize(depth:newLength:)`) or serve it over loopback HTTP
/// (`start()`); the demo runs it as the `simnode` executable. It owns a lock and a server socket, hence
/// a class; all chain state sits behind the lock, so the server may call it from many threads.
public final class SimNode: @unchecked Sendable {
    /// The configuration the node was created with.
    public let configuration: SimNodeConfiguration

    let lock = NSLock()
    /// Guarded by `lock`.
    var chain: SimChain
    /// Guarded by `lock`.
    var faults = FaultSettings.none
    /// Guarded by `lock`.
    var faultRandom: SimRandom
    /// Guarded by `lock`: RPC calls answered so far (for `warmupCalls`).
    var callCount = 0
    /// Guarded by `lock`: rendered `getblock` results by (hash, verbosity), valid until the chain changes.
    var renderCache: [RenderKey: [UInt8]] = [:]
    /// Guarded by `lock`: bumped whenever the chain changes, so a render started before cannot be cached after.
    var cacheGeneration = 0
    /// Guarded by `lock`.
    var server: LoopbackServerHandle?

    struct RenderKey: Hashable {
        var hash: Hash256
        var verbosity: Int
    }

    /// Generates genesis and `configuration.initialBlocks` blocks.
    public init(configuration: SimNodeConfiguration) {
        self.configuration = configuration
        chain = SimChain(configuration: configuration)
        faultRandom = SimRandom(seed: configuration.seed ^ 0x5eed_fa17_5eed_fa17)
    }

    func withState<Result>(_ body: (SimNode) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(self)
    }

    // MARK: In-process control (the same operations as the simnode_* RPC methods)

    /// Height of the best chain's tip.
    public var blockCount: Int { withState { $0.chain.height } }

    /// Display hex of the best-chain block at `height`, nil above the tip.
    public func blockHash(atHeight height: Int) -> String? {
        withState { $0.chain.hash(atHeight: height)?.displayHex }
    }

    /// Mines `count` blocks on the tip; returns their hashes (display hex).
    @discardableResult
    public func mine(_ count: Int) -> [String] {
        withState { node in
            node.renderCache.removeAll()
            node.cacheGeneration += 1
            return node.chain.mine(count).map(\.displayHex)
        }
    }

    /// Disconnects the last `depth` blocks and mines `newLength` on a new branch; returns the new hashes.
    @discardableResult
    public func reorganize(depth: Int, newLength: Int) -> [String] {
        withState { node in
            node.renderCache.removeAll()
            node.cacheGeneration += 1
            return node.chain.reorganize(depth: depth, newLength: newLength).map(\.displayHex)
        }
    }

    /// Replaces the fault settings; `warmupCalls` counts from now.
    public func setFaults(_ settings: FaultSettings) {
        withState { node in
            node.faults = settings
            node.callCount = 0
        }
    }

    /// Turns all faults off.
    public func clearFaults() {
        setFaults(.none)
    }

    /// Renders `getblock` answers for heights `from...to` at `verbosity` into the cache, so a benchmark
    /// measures the client rather than simnode's rendering. Returns the number of blocks rendered.
    @discardableResult
    public func prerender(from: Int, to: Int, verbosity: Int) -> Int {
        var rendered = 0
        for height in max(0, from)...max(from, to) {
            guard let hash = withState({ $0.chain.hash(atHeight: height) }) else { break }
            if (try? renderBlock(hash: hash, verbosity: verbosity, cache: true)) != nil { rendered += 1 }
        }
        return rendered
    }

    /// The block-hash → raw bytes of a best-chain block (for tests that compare against the RPC output).
    public func rawBlock(atHeight height: Int) -> [UInt8]? {
        withState { node in node.chain.hash(atHeight: height).flatMap { node.chain.block($0)?.block.serialized() } }
    }
}
