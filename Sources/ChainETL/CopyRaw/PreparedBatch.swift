/// A batch of consecutive blocks made ready for `ChainWriter`: everything about the rows that needs no database
/// is worked out here, so copy-raw can do it on its reading thread while the previous batch is being written,
/// and the writing thread only sends rows and runs SQL.
struct PreparedBatch: Sendable {
    /// The blocks, in height order.
    let blocks: [BlockRows]
    /// The inputs that spend an output of the batch itself: where they are, and whether the batch can settle
    /// them without SQL.
    let spendsWithinBatch: SpendsWithinBatch
    /// The batch's ledger rows in address order when every input already knows its spent output (verbosity 3);
    /// nil otherwise, and the writer derives the ledger in SQL after resolution.
    let movements: [AddressMovement]?
    /// Per block, in height order, what it adds to the supply before BIP30 overwrites (`BlockRows.supplyChange`);
    /// nil unless every block's is known, and the writer sums the stored rows in SQL.
    let supplyChanges: [Int64]?
    /// Per block, in height order, what its outputs add to the supply (`BlockRows.createdSupply`); nil only if a
    /// block's outputs sum beyond `Int64`.
    let createdSupplies: [Int64]?
    /// The batch's transactions as `RecentTransactions` remembers them once the batch is committed.
    let recentEntries: RecentTransactions.Entries

    /// Whether every input already knows its spent output, so input totals, fees and the ledger need no SQL.
    var isFullyResolved: Bool { movements != nil }

    /// Prepares `blocks`, which must be consecutive and in height order.
    init(_ blocks: [BlockRows]) {
        self.blocks = blocks
        spendsWithinBatch = SpendsWithinBatch(blocks)
        movements = Self.movementsInAddressOrder(of: blocks)
        recentEntries = RecentTransactions.Entries(blocks)
        let changes = blocks.compactMap(\.supplyChange)
        supplyChanges = changes.count == blocks.count ? changes : nil
        let created = blocks.compactMap(\.createdSupply)
        createdSupplies = created.count == blocks.count ? created : nil
    }

    /// The same batch cut before `height`: what is written when a block at `height` is refused.
    func prefix(before height: Int64) -> PreparedBatch {
        PreparedBatch(blocks.prefix { $0.block.height < height }.map { $0 })
    }

    /// Each row of the ledger lands at a random place of the `(address, block_height)` index; taken in address
    /// order, neighbouring rows share the index pages just visited (on 300 mainnet-shaped blocks the ledger's
    /// COPY took 21 s instead of 32 s).
    private static func movementsInAddressOrder(of blocks: [BlockRows]) -> [AddressMovement]? {
        var all: [AddressMovement] = []
        for rows in blocks {
            guard let movements = rows.movements else { return nil }
            all += movements
        }
        return AddressOrder.sorted(all)
    }
}
