import ChainETL
import Foundation
import Testing

/// The promises every tool makes on the command line (SPEC.md, "Exit codes"): 0 for help, 2 for usage and
/// configuration errors, one `<tool>: error: ...` line on stderr, and a `--help` that documents the environment
/// and the exit codes. Each tool's tests run once its executable is built on CommandSupport.
@Suite("Command-line contract of the tools")
struct CommandLineContractTests {
    static let scrape = ToolExecutable(name: "scrape")
    static let simnode = ToolExecutable(name: "simnode")

    @Test("--help exits 0 and documents the environment and exit codes", .enabled(if: scrape.usesCommandSupport))
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
        "an unknown option exits 2 with one error line", .enabled(if: scrape.usesCommandSupport),
        arguments: ["--no-such-option", "--log-level=loud"])
    func scrapeUsageError(argument: String) throws {
        let run = try Self.scrape.run([argument])
        #expect(run.status == 2)
        #expect(run.standardError.hasPrefix("scrape: error: "))
        #expect(run.standardError.split(separator: "\n").count == 1)
    }

    @Test("a bad CHAIN exits 2 naming the variable", .enabled(if: scrape.usesCommandSupport))
    func scrapeConfigurationError() throws {
        let run = try Self.scrape.run([], environment: ["CHAIN": "notachain"])
        #expect(run.status == 2)
        #expect(run.standardError.contains("scrape: error: invalid CHAIN='notachain'"))
    }

    @Test("a missing --env-file exits 2 naming the path", .enabled(if: scrape.usesCommandSupport))
    func scrapeMissingEnvFile() throws {
        let run = try Self.scrape.run(["--env-file", "/nonexistent/etl.env"])
        #expect(run.status == 2)
        #expect(run.standardError.contains("/nonexistent/etl.env"))
    }

    @Test("a node password never reaches stderr", .enabled(if: scrape.usesCommandSupport))
    func scrapeMasksPasswords() throws {
        let run = try Self.scrape.run(
            [], environment: ["NODE_RPC_URL": "gopher://rpc:hunter2@127.0.0.1:1", "LOG_LEVEL": "trace"])
        #expect(run.status == 2)
        #expect(!run.standardError.contains("hunter2"))
        #expect(run.standardError.contains("rpc:\(SecretMasking.mask)@"))
    }

    @Test("simnode: --help exits 0, an unknown option exits 2", .enabled(if: simnode.usesCommandSupport))
    func simnodeExitCodes() throws {
        #expect(try Self.simnode.run(["--help"]).status == 0)
        let usage = try Self.simnode.run(["--no-such-option"])
        #expect(usage.status == 2)
        #expect(usage.standardError.hasPrefix("simnode: error: "))
    }
}
