/// What scrape needs from a node. One source is used by one thread at a time (it owns an HTTP connection);
/// parallel fetching makes one source per worker through a `BlockSourceFactory`.
public protocol BlockSource {
    /// The node's best height.
    func bestHeight() throws -> Int64
    /// The node's best-chain hashes for the heights in `range` (every height must be at most `bestHeight`).
    func blockHashes(in range: ClosedRange<Int64>) throws -> [Int64: String]
    /// Fetches, decodes and checks the block with `hash`, expected at `height`.
    func block(hash: String, height: Int64) throws -> LandedBlock
}

/// Makes block sources, one per worker thread.
public protocol BlockSourceFactory: Sendable {
    /// A new source with its own connection to the node.
    func makeSource() throws -> any BlockSource
}
