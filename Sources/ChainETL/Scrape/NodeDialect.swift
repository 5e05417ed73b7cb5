import Synchronization

/// What the node turned out to support, learned from the first block and shared by every fetching worker, so
/// a node without verbosity 2 is probed once per run rather than once per block.
final class NodeDialect: Sendable {
    enum Kind: Sendable, Equatable {
        /// `getblock <hash> 3` answered, with or without prevouts (Core before 23 treats 3 as 2).
        case verboseBlocks
        /// Only `getblock <hash> true`; transactions come from `getrawtransaction <txid> 1`.
        case txidBlocks
    }

    private let state = Mutex<Kind?>(nil)
    /// The kind learned so far, nil before the first answer.
    var kind: Kind? { state.withLock { $0 } }

    func learn(_ kind: Kind) { state.withLock { $0 = kind } }
}
