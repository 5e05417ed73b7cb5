/// The net effect of a window of pending events: a block that joined and then left within the window never has
/// to reach the analytics tables, so both events are dropped (its descendants' pairs lie between them and are
/// dropped too). This also lets a quarantined block that a reorg replaced stop holding the queue.
public struct ChangePlan: Sendable, Equatable {
    /// The events to apply, in order.
    public var steps: [ChainEvent]
    /// Hashes of blocks whose join and leave cancelled out.
    public var cancelled: [String]

    /// The plan for `events` (in sequence order, all not yet applied).
    public init(events: [ChainEvent]) {
        var kept: [ChainEvent?] = []
        var pendingJoin: [String: Int] = [:]
        var cancelled: [String] = []
        for event in events {
            switch event.change {
            case .joined:
                pendingJoin[event.hash] = kept.count
                kept.append(event)
            case .left:
                if let position = pendingJoin.removeValue(forKey: event.hash) {
                    kept[position] = nil
                    cancelled.append(event.hash)
                } else {
                    kept.append(event)
                }
            }
        }
        self.steps = kept.compactMap { $0 }
        self.cancelled = cancelled
    }
}
