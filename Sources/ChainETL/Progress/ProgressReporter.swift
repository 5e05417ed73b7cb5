import Foundation

/// Shows how a long run is going and reports how it went. On a terminal it redraws one line at most about four
/// times a second (more would only cost time and flicker); elsewhere (cron, pipes, log files) it stays silent
/// until the end. Either way `finish` prints exactly one summary line to stdout.
public struct ProgressReporter: Sendable {
    /// Whether stderr is a terminal, i.e. whether an in-place progress line can be drawn.
    public static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// The shortest time between two redraws.
    public static let redrawInterval: Duration = .milliseconds(250)

    private let tool: String
    private let unit: String
    private let range: ClosedRange<Int>?
    private let drawsProgress: Bool
    private let stream: StandardErrorStream
    private let printSummary: @Sendable (String) -> Void
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant?
    private var completed = 0

    /// Starts timing a run over `range` (nil when the run has no height range).
    /// - Parameters:
    ///   - drawsProgress: defaults to whether stderr is a terminal.
    ///   - printSummary: where the final line goes; stdout unless a test collects it.
    ///   - startedAt: when the run started, if before this reporter was made (a run that learns its range
    ///     only after asking the node still reports its whole duration).
    public init(
        tool: String,
        range: ClosedRange<Int>?,
        unit: String = "blocks",
        drawsProgress: Bool = ProgressReporter.standardErrorIsTerminal,
        stream: StandardErrorStream = .shared,
        printSummary: @escaping @Sendable (String) -> Void = { print($0) },
        startedAt: ContinuousClock.Instant = ContinuousClock.now
    ) {
        self.tool = tool
        self.unit = unit
        self.range = range
        self.drawsProgress = drawsProgress
        self.stream = stream
        self.printSummary = printSummary
        self.start = startedAt
    }

    /// Records that `completed` units are done and the run has reached `position`; redraws when due.
    public mutating func update(position: Int, completed: Int) {
        self.completed = completed
        guard drawsProgress else { return }
        let now = clock.now
        if let lastDraw, now - lastDraw < Self.redrawInterval { return }
        lastDraw = now
        let total = range.map { $0.count } ?? completed
        let line = ProgressLine(
            position: position, target: range?.upperBound ?? position, completed: completed,
            remaining: max(0, total - completed), elapsed: now - start, unit: unit)
        stream.drawStatusLine(line.text)
    }

    /// Clears the progress line and prints the summary, e.g.
    /// `scrape: 500 blocks (1,200,000 tx) 800..1299 in 12.3s, 40.6 blocks/s`. Returns it for the job log.
    @discardableResult
    public func finish(completed: Int? = nil, details: [(count: Int, unit: String)] = []) -> RunSummary {
        if drawsProgress { stream.clearStatusLine() }
        let summary = RunSummary(
            tool: tool, count: completed ?? self.completed, unit: unit, details: details, range: range,
            elapsed: clock.now - start)
        printSummary(summary.text)
        return summary
    }
}
