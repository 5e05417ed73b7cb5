import ChainETL
import Foundation
import Testing

@Suite("Env file parsing and precedence")
struct EnvironmentFileTests {
    @Test("comments, blank lines, export, quotes and escapes")
    func parsesTheFormat() throws {
        let text = """
            # analytics database
            DATABASE_URL=postgresql://etl:s3cret@db/analytics

               export CHAIN=litecoin
            NODE_RPC_URL = http://rpc:pw@127.0.0.1:9332   # trailing comment
            SINGLE='it is # literal \\n'
            DOUBLE="line\\nnext \\"quoted\\" back\\\\slash \\$HOME"   # comment
            PASSWORD_WITH_HASH=abc#def
            EMPTY=
            WINDOWS=crlf\r
            """
        let values = try EnvironmentFile.parse(text, path: "etl.env")
        #expect(values["DATABASE_URL"] == "postgresql://etl:s3cret@db/analytics")
        #expect(values["CHAIN"] == "litecoin")
        #expect(values["NODE_RPC_URL"] == "http://rpc:pw@127.0.0.1:9332")
        #expect(values["SINGLE"] == "it is # literal \\n")
        #expect(values["DOUBLE"] == "line\nnext \"quoted\" back\\slash $HOME")
        #expect(values["PASSWORD_WITH_HASH"] == "abc#def")
        #expect(values["EMPTY"] == "")
        #expect(values["WINDOWS"] == "crlf")
        #expect(values.count == 8)
    }

    @Test("a later line overrides an earlier one, as in a shell")
    func laterLinesWin() throws {
        #expect(try EnvironmentFile.parse("CHAIN=bitcoin\nCHAIN=dogecoin\n", path: "f")["CHAIN"] == "dogecoin")
    }

    @Test(
        "malformed lines are errors with file and line number",
        arguments: [
            ("CHAIN=bitcoin\njust some words\n", 2, "no '='"),
            ("# ok\n\n1BAD=value\n", 3, "not a variable name"),
            ("A='unterminated\n", 1, "unterminated single quote"),
            ("A=1\nB=\"open\n", 2, "unterminated double quote"),
            ("A=\"x\" y\n", 1, "after the closing quote"),
            ("=value\n", 1, "not a variable name"),
        ])
    func malformedLine(text: String, line: Int, problem: String) throws {
        let error = try #require(throws: ConfigurationError.self) {
            try EnvironmentFile.parse(text, path: "/etc/chain-etl.env")
        }
        #expect(error.exitStatus == .usage)
        #expect(error.description.hasPrefix("/etc/chain-etl.env:\(line): "))
        #expect(error.description.contains(problem))
    }

    @Test("values in the named env file override the inherited environment")
    func envFileOverridesEnvironment() throws {
        let path = try writeTemporaryFile("CHAIN=litecoin\nTOP_RICHEST_N=50\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let inherited = ["CHAIN": "dogecoin", "NODE_RPC_CONCURRENCY": "8"]
        let configuration = try Configuration.load(environment: inherited, environmentFile: path)
        #expect(configuration.chain == .litecoin)
        #expect(configuration.topRichestN == 50)
        #expect(configuration.nodeRPCConcurrency == 8)
    }

    @Test("without an env file the environment alone decides")
    func environmentOnly() throws {
        let configuration = try Configuration.load(environment: ["CHAIN": "dogecoin"], environmentFile: nil)
        #expect(configuration.chain == .dogecoin)
    }

    @Test("a missing env file is a usage error naming the path")
    func missingEnvFile() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try Configuration.load(environment: [:], environmentFile: "/nonexistent/chain-etl.env")
        }
        #expect(error.exitStatus == .usage)
        #expect(error.description.contains("/nonexistent/chain-etl.env"))
    }

    @Test("a malformed env file reports the line, a bad value in it names the variable")
    func envFileErrorsThroughLoad() throws {
        let malformed = try writeTemporaryFile("CHAIN=bitcoin\noops\n")
        let badValue = try writeTemporaryFile("NODE_RPC_URL=gopher://u:topsecret@h\n")
        defer {
            try? FileManager.default.removeItem(atPath: malformed)
            try? FileManager.default.removeItem(atPath: badValue)
        }
        let lineError = try #require(throws: ConfigurationError.self) {
            try Configuration.load(environment: [:], environmentFile: malformed)
        }
        #expect(lineError.description.hasPrefix("\(malformed):2:"))
        let valueError = try #require(throws: ConfigurationError.self) {
            try Configuration.load(environment: [:], environmentFile: badValue)
        }
        #expect(valueError.description.contains("NODE_RPC_URL"))
        #expect(!valueError.description.contains("topsecret"))
    }

    private func writeTemporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("chain-etl-env-\(UUID().uuidString)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
