/// How often simnode misbehaves, so clients' retry and timeout paths run in tests. Rates are
/// probabilities per HTTP request, drawn from the node's seeded generator.
public struct FaultSettings: Sendable, Equatable {
    /// HTTP 500 with an RPC internal error, or HTTP 503 "work queue depth exceeded" (half each).
    public var errorRate: Double
    /// Connection closed without an answer.
    public var dropRate: Double
    /// Answer cut off mid-body.
    public var truncateRate: Double
    /// Answer delayed by `slowSeconds`.
    public var slowRate: Double
    public var slowSeconds: Double
    /// The first this-many calls answer RPC error -28 "Loading block index...", as a starting node does.
    public var warmupCalls: Int

    public init(errorRate: Double = 0, dropRate: Double = 0, truncateRate: Double = 0, slowRate: Double = 0,
                slowSeconds: Double = 1, warmupCalls: Int = 0) {
        self.errorRate = errorRate
        self.dropRate = dropRate
        self.truncateRate = truncateRate
        self.slowRate = slowRate
        self.slowSeconds = slowSeconds
        self.warmupCalls = warmupCalls
    }

    /// No faults.
    public static let none = FaultSettings()
}
