/// `--rebuild` was asked for, but blocks the event log names are gone from the landing zone (pruned, or deleted
/// by hand), so the chain tables could not be derived again. Raised before anything is emptied: the chain
/// tables and every cursor stay as they were.
public struct RebuildUnavailableError: ChainETLError {
    /// How many landed blocks are missing.
    public var missingBlocks: Int
    /// The lowest and highest heights among them.
    public var heights: ClosedRange<Int64>

    public var exitStatus: ExitStatus { .failure }
    public var isTransient: Bool { false }

    public var description: String {
        let blocks = missingBlocks == 1 ? "1 block" : "\(missingBlocks) blocks"
        return "copy-raw --rebuild needs every block of raw.chain_events in raw.blocks, but \(blocks) at heights "
            + "\(heights.lowerBound)...\(heights.upperBound) are gone (pruned by --prune-raw-older-than, or "
            + "deleted); nothing was changed. To rebuild, scrape the chain again into an empty raw database "
            + "(RAW_DATABASE_URL) and rebuild from that"
    }
}
