/// The net effect of a window of pending events: a block that joined and then left within the window never has
/// to reach the analytics tables, so both events are dropped (its descendants' pairs lie between them and are
/// dropped too). This also lets a quarantined block that a reorg replaced stop holding the queue. A second join
/// of a block still joined (scrape re-landing a block deleted by hand before copy-raw copied it) is dropped:
/// the block is copied once, at its first join.
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
                guard pendingJoin[event.hash] == nil else { continue }
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

    /// The hashes of the blocks the plan joins without first taking them out: the ones `alreadyCopied` may
    /// drop when the chain tables already hold them.
    public var joinsWithoutEarlierLeave: [String] {
        var left = Set<String>()
        var hashes: [String] = []
        for step in steps {
            switch step.change {
            case .left: left.insert(step.hash)
            case .joined where !left.contains(step.hash): hashes.append(step.hash)
            case .joined: break
            }
        }
        return hashes
    }

    /// The plan without the joins of blocks the chain tables already hold (`copied`, from
    /// `joinsWithoutEarlierLeave`). scrape records a block as joined again when it lands a block that went
    /// missing from the landing zone (deleted by hand), but a hash names one block forever, so a block already
    /// copied at its height needs nothing more; copying it again would not extend the tip.
    public func droppingJoins(alreadyCopied copied: Set<String>) -> ChangePlan {
        guard !copied.isEmpty else { return self }
        let droppable = Set(joinsWithoutEarlierLeave).intersection(copied)
        var plan = self
        plan.steps = steps.filter { $0.change == .left || !droppable.contains($0.hash) }
        return plan
    }
}
