/// The one line every run prints at its end, terminal or cron alike:
/// `scrape: 500 blocks (1,200,000 tx) 800..1299 in 12.3s, 40.6 blocks/s`. Under cron this is the whole output of
/// a successful run, so it carries what was done, over which range, and how fast.
public struct RunSummary: Sendable {
    /// The tool that ran.
    public var tool: String
    /// The main count and its unit, e.g. 500 `blocks`.
    public var count: Int
    /// The unit of `count`, plural: `blocks`.
    public var unit: String
    /// Secondary counts shown in parentheses, e.g. (1,200,000 `tx`).
    public var details: [(count: Int, unit: String)]
    /// The heights covered, when the run worked on a range.
    public var range: ClosedRange<Int>?
    /// Wall time of the run.
    public var elapsed: Duration

    /// Collects what a run did.
    public init(
        tool: String, count: Int, unit: String = "blocks", details: [(count: Int, unit: String)] = [],
        range: ClosedRange<Int>? = nil, elapsed: Duration
    ) {
        self.tool = tool
        self.count = count
        self.unit = unit
        self.details = details
        self.range = range
        self.elapsed = elapsed
    }

    /// The line to print.
    public var text: String {
        let seconds = ProgressFormat.seconds(elapsed)
        var line = "\(tool): \(ProgressFormat.grouped(count)) \(unit)"
        if !details.isEmpty {
            line += " (" + details.map { "\(ProgressFormat.grouped($0.count)) \($0.unit)" }.joined(separator: ", ") + ")"
        }
        if let range { line += " \(range.lowerBound)..\(range.upperBound)" }
        line += " in \(ProgressFormat.duration(seconds: seconds))"
        if seconds >= 0.1, count > 0 { line += ", \(ProgressFormat.rate(Double(count) / seconds)) \(unit)/s" }
        return line
    }
}
