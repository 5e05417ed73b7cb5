/// The misbehaviour chosen for one request.
enum DrawnFault: Equatable {
    /// HTTP 500 internal error, or 503 work queue exceeded when the flag is set.
    case error(serviceUnavailable: Bool)
    case drop
    case truncate
    case slow(seconds: Double)
}

extension SimNode {
    /// Draws at most one fault for a request from the seeded fault generator.
    func drawFault() -> DrawnFault? {
        withState { node in
            let settings = node.faults
            guard settings.errorRate + settings.dropRate + settings.truncateRate + settings.slowRate > 0 else { return nil }
            var roll = node.faultRandom.unit()
            if roll < settings.errorRate { return .error(serviceUnavailable: node.faultRandom.chance(0.5)) }
            roll -= settings.errorRate
            if roll < settings.dropRate { return .drop }
            roll -= settings.dropRate
            if roll < settings.truncateRate { return .truncate }
            roll -= settings.truncateRate
            if roll < settings.slowRate { return .slow(seconds: settings.slowSeconds) }
            return nil
        }
    }
}
