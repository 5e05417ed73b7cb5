/// The in-place line a terminal shows during a long run: `height 1234/5000  37.2 blocks/s  ETA 1m41s`.
public struct ProgressLine: Sendable, Equatable {
    /// The position reached (a block height for the block tools).
    public var position: Int
    /// The position the run ends at.
    public var target: Int
    /// Units done so far, for the rate.
    public var completed: Int
    /// Units still to do, for the ETA.
    public var remaining: Int
    /// Time since the run started.
    public var elapsed: Duration
    /// What is counted: `blocks`.
    public var unit: String
    /// What `position` is: `height`.
    public var positionName: String

    /// Collects one snapshot of a run.
    public init(
        position: Int, target: Int, completed: Int, remaining: Int, elapsed: Duration,
        unit: String = "blocks", positionName: String = "height"
    ) {
        self.position = position
        self.target = target
        self.completed = completed
        self.remaining = remaining
        self.elapsed = elapsed
        self.unit = unit
        self.positionName = positionName
    }

    /// Units per second since the start.
    public var rate: Double {
        let seconds = ProgressFormat.seconds(elapsed)
        return seconds > 0 ? Double(completed) / seconds : 0
    }

    /// The text to draw.
    public var text: String {
        "\(positionName) \(position)/\(target)  \(ProgressFormat.rate(rate)) \(unit)/s  "
            + "ETA \(ProgressFormat.eta(remaining: remaining, perSecond: rate))"
    }
}
