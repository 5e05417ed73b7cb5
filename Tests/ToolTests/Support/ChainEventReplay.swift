import TestSupport

/// Replays `raw.chain_events` the way `copy-raw` will: start from nothing, and apply each `joined` and `left` in
/// order. The log is only usable if every event applies to the chain the earlier ones built: a block joins right
/// above the tip, and only the tip leaves.
enum ChainEventReplay {
    /// The best chain (hashes by height) the events build, or the first event that does not apply.
    static func bestChain(from events: [LandingZoneSnapshot.Event]) -> Result<[String], Failure> {
        var chain: [String] = []
        for (index, event) in events.enumerated() {
            switch event.change {
            case "joined" where event.height == Int64(chain.count):
                chain.append(event.hash)
            case "left" where event.height == Int64(chain.count - 1) && chain.last == event.hash:
                chain.removeLast()
            default:
                return .failure(Failure(index: index, event: event, tip: chain.count - 1))
            }
        }
        return .success(chain)
    }

    /// An event that does not fit the chain replayed so far.
    struct Failure: Error, CustomStringConvertible {
        var index: Int
        var event: LandingZoneSnapshot.Event
        var tip: Int

        var description: String {
            "event #\(index) (\(event.change) \(event.height) \(event.hash)) does not apply to a chain whose tip is \(tip)"
        }
    }
}
