import ChainETL
import Foundation
import Testing

/// The promises every tool makes on the command line (SPEC.md, "Exit codes"): 0 for help, 2 for usage and
/// configuration errors, one `<tool>: error: ...` line on stderr, and a `--help` that documents the environment
/// and the exit codes.
@Suite("Command-line contract of the tools")
struct CommandLineContractTests {
    static let scrape = ToolExecutable(name: "scrape")
    static let simnode = ToolExecutable(name: "simnode")

    @Test("--help exits 0 and documents the environment and exit codes")
    func scrapeHelp() throws {
        let run = try Self.scrape.run(["--help"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("EXIT CODES"))
        for status in ChainETL.ExitStatus.allCases {
            #expect(run.standardOutput.contains("\(status.rawValue)  \(status.meaning.prefix(20))"))
        }
        for variable in ConfigurationVariable.allCases {
            #expect(run.standardOutput.contains(variable.rawValue))
        }
    }

    @Test(
        "an unknown option exits 2 with one error line",
        arguments: ["--no-such-option", "--log-level=loud"])
    func scrapeUsageError(argument: String) throws {
        let run = try Self.scrape.run([argument])
        #expect(run.status == 2)
        #expect(run.standardError.hasPrefix("scrape: error: "))
        #expect(run.standardError.split(separator: "\n").count == 1)
    }

    @Test("a bad CHAIN exits 2 naming the variable")
    func scrapeConfigurationError() throws {
        let run = try Self.scrape.run([], environment: ["CHAIN": "notachain"])
        #expect(run.status == 2)
        #expect(run.standardError.contains("scrape: error: invalid CHAIN='notachain'"))
    }

    @Test("a missing --env-file exits 2 naming the path")
    func scrapeMissingEnvFile() throws {
        let run = try Self.scrape.run(["--env-file", "/nonexistent/etl.env"])
        #expect(run.status == 2)
        #expect(run.standardError.contains("/nonexistent/etl.env"))
    }

    @Test("a node password never reaches stderr")
    func scrapeMasksPasswords() throws {
        let run = try Self.scrape.run(
            [], environment: ["NODE_RPC_URL": "gopher://rpc:hunter2@127.0.0.1:1", "LOG_LEVEL": "trace"])
        #expect(run.status == 2)
        #expect(!run.standardError.contains("hunter2"))
        #expect(run.standardError.contains("rpc:\(SecretMasking.mask)@"))
    }

    @Test("simnode: --help exits 0 and lists the exit codes; usage errors exit 2 with one line")
    func simnodeExitCodes() throws {
        let help = try Self.simnode.run(["--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("EXIT CODES"))
        for status in ChainETL.ExitStatus.allCases where status != .busy {
            #expect(help.standardOutput.contains("\(status.rawValue)  \(status.meaning.prefix(20))"))
        }
        // It takes no lock.
        #expect(!help.standardOutput.contains("\(ChainETL.ExitStatus.busy.rawValue)  \(ChainETL.ExitStatus.busy.meaning.prefix(20))"))
        for arguments in [["--no-such-option"], ["--chain", "notachain"], ["--blocks", "-1"]] {
            let usage = try Self.simnode.run(arguments)
            #expect(usage.status == 2, "simnode \(arguments): \(usage)")
            #expect(usage.standardError.hasPrefix("simnode: error: "))
            #expect(usage.standardError.split(separator: "\n").count == 1)
        }
    }

    @Test("simnode: serves until SIGTERM and then exits 0; a port in use exits 1 with one line")
    func simnodeServesAndStops() throws {
        let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("simnode-\(UUID().uuidString).port")
        defer { try? FileManager.default.removeItem(at: portFile) }
        let server = try Self.simnode.start(["--blocks", "3", "--tx-per-block", "2", "--port-file", portFile.path])
        let deadline = ContinuousClock.now + .seconds(30)
        while (try? String(contentsOf: portFile, encoding: .utf8)).flatMap({ UInt16($0) }) == nil {
            try #require(server.isRunning && ContinuousClock.now < deadline, "simnode did not write its port file")
            Thread.sleep(forTimeInterval: 0.02)
        }
        let port = try String(contentsOf: portFile, encoding: .utf8)

        let clash = try Self.simnode.run(["--port", port, "--blocks", "0"])
        #expect(clash.status == 1, "\(clash)")
        #expect(clash.standardError.hasPrefix("simnode: error: "))
        #expect(clash.standardError.contains("127.0.0.1:\(port)"))
        #expect(clash.standardError.split(separator: "\n").count == 1)

        kill(server.processIdentifier, SIGTERM)
        let stopped = server.wait(timeout: .seconds(10))
        #expect(!stopped.signaled && stopped.status == 0, "\(stopped)")
        #expect(stopped.standardOutput.contains("listening on http://127.0.0.1:\(port)"))
    }
}
