import ChainETL
import Testing

@Suite("Failure report: exit status and stderr line")
struct FailureReportTests {
    struct LockHeld: ChainETLError {
        var exitStatus: ChainETL.ExitStatus { .busy }
        var description: String { "another scrape holds the lock on postgres://etl:pw@db/x; nothing was changed" }
    }

    struct NodeDown: ChainETLError {
        var exitStatus: ChainETL.ExitStatus { .failure }
        var isTransient: Bool { true }
        var description: String { "node http://127.0.0.1:8332 unreachable after 5 attempts;\nis bitcoind running?" }
    }

    struct Unexpected: Error {}

    @Test("a configuration error exits 2 with '<tool>: error: <description>'")
    func configurationError() {
        let report = FailureReport(
            tool: "scrape", error: ConfigurationError.invalidValue(variable: "CHAIN", value: "x", expected: "y"))
        #expect(report.exitStatus == .usage)
        #expect(report.line == "scrape: error: invalid CHAIN='x': expected y; fix it in the environment or the env file")
    }

    @Test("a busy error exits 3, masked")
    func busy() {
        let report = FailureReport(tool: "copy-raw", error: LockHeld())
        #expect(report.exitStatus == .busy)
        #expect(report.line.hasPrefix("copy-raw: error: another scrape holds the lock"))
        #expect(!report.line.contains(":pw@"))
    }

    @Test("a failure exits 1 on exactly one line")
    func failureIsOneLine() {
        let report = FailureReport(tool: "scrape", error: NodeDown())
        #expect(report.exitStatus == .failure)
        #expect(!report.line.contains("\n"))
        #expect(report.line.hasSuffix("attempts; is bitcoind running?"))
    }

    @Test("any other error is an unexpected failure, exit 1")
    func otherError() {
        let report = FailureReport(tool: "scrape", error: Unexpected())
        #expect(report.exitStatus == .failure)
        #expect(report.line.hasPrefix("scrape: error: unexpected failure: "))
    }
}
