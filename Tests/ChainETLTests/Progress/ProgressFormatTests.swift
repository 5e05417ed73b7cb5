import ChainETL
import Testing

@Suite("Progress and summary formatting")
struct ProgressFormatTests {
    @Test("thousands separators", arguments: [
        (0, "0"), (999, "999"), (1_000, "1,000"), (1_200_000, "1,200,000"), (-12_345, "-12,345"),
    ])
    func grouped(value: Int, text: String) {
        #expect(ProgressFormat.grouped(value) == text)
    }

    @Test("rates with one decimal", arguments: [
        (0.0, "0.0"), (37.24, "37.2"), (40.65, "40.7"), (1234.0, "1234.0"), (Double.nan, "0.0"), (-1.0, "0.0"),
    ])
    func rate(value: Double, text: String) {
        #expect(ProgressFormat.rate(value) == text)
    }

    @Test("durations", arguments: [
        (0.04, "0.0s"), (12.34, "12.3s"), (59.9, "59.9s"), (60.0, "1m00s"), (101.0, "1m41s"),
        (3_599.6, "1h00m"), (7_500.0, "2h05m"), (273_600.0, "3d04h"), (Double.infinity, "?"),
    ])
    func duration(seconds: Double, text: String) {
        #expect(ProgressFormat.duration(seconds: seconds) == text)
    }

    @Test("ETA from remaining work and rate")
    func eta() {
        #expect(ProgressFormat.eta(remaining: 3766, perSecond: 37.2) == "1m42s")
        #expect(ProgressFormat.eta(remaining: 10, perSecond: 4) == "3s")
        #expect(ProgressFormat.eta(remaining: 0, perSecond: 0) == "0s")
        #expect(ProgressFormat.eta(remaining: 5, perSecond: 0) == "?")
    }

    @Test("the terminal line")
    func progressLine() {
        let line = ProgressLine(position: 1234, target: 5000, completed: 372, remaining: 3766, elapsed: .seconds(10))
        #expect(line.text == "height 1234/5000  37.2 blocks/s  ETA 1m42s")
    }

    @Test("the summary line")
    func summary() {
        let summary = RunSummary(
            tool: "scrape", count: 500, details: [(count: 1_200_000, unit: "tx")], range: 800...1300,
            elapsed: .milliseconds(12_300))
        #expect(summary.text == "scrape: 500 blocks (1,200,000 tx) 800..1300 in 12.3s, 40.7 blocks/s")
        let idle = RunSummary(tool: "scrape", count: 0, elapsed: .milliseconds(80))
        #expect(idle.text == "scrape: 0 blocks in 0.1s")
    }

    @Test("off a terminal the reporter draws nothing and prints one summary line")
    func reporterOffTerminal() {
        let drawn = CollectedOutput()
        let printed = CollectedOutput()
        var reporter = ProgressReporter(
            tool: "scrape", range: 1...3, drawsProgress: false, stream: StandardErrorStream(write: { drawn.append($0) }),
            printSummary: { printed.append($0 + "\n") })
        for height in 1...3 { reporter.update(position: height, completed: height) }
        reporter.finish(details: [(count: 7, unit: "tx")])
        #expect(drawn.text.isEmpty)
        #expect(printed.text.hasPrefix("scrape: 3 blocks (7 tx) 1..3 in "))
        #expect(printed.text.filter { $0 == "\n" }.count == 1)
    }

    @Test("on a terminal the first update draws in place and finish clears it")
    func reporterOnTerminal() {
        let drawn = CollectedOutput()
        var reporter = ProgressReporter(
            tool: "scrape", range: 1...100, drawsProgress: true, stream: StandardErrorStream(write: { drawn.append($0) }),
            printSummary: { _ in })
        reporter.update(position: 1, completed: 1)
        reporter.update(position: 2, completed: 2)  // within the redraw interval: throttled
        reporter.finish()
        #expect(drawn.text.hasPrefix("\r\u{1B}[2Kheight 1/100  "))
        #expect(!drawn.text.contains("height 2/100"))
        #expect(drawn.text.hasSuffix("\r\u{1B}[2K"))
    }
}
