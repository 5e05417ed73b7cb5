/// `scrape --from` asked for heights below the lowest block of the landing zone. Those heights were never
/// landed (the first run started higher) or were pruned, and the landing zone only grows upward, so the run
/// refuses before it changes anything.
public struct BackfillBelowLandingZoneError: ChainETLError, Equatable {
    /// The first height asked for.
    public var from: Int64
    /// The lowest best-chain height the landing zone holds.
    public var bottom: Int64

    public var exitStatus: ExitStatus { .usage }

    public var description: String {
        "scrape --from \(from) asks for heights below \(bottom), the lowest block in the landing zone (where the "
            + "first run started, or where copy-raw --prune-raw-older-than cut it); nothing was changed. The landing "
            + "zone grows upward only: run with --from \(bottom) or higher, or, to hold lower heights, land them in an "
            + "empty raw database with scrape --from \(from), point RAW_DATABASE_URL at it and run copy-raw --rebuild."
    }
}
