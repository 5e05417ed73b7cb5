import ChainETL
import Foundation
import Logging
import Testing

@Suite("Configuration from the environment")
struct ConfigurationTests {
    @Test("an empty environment gives the documented defaults")
    func defaults() throws {
        let configuration = try Configuration(environment: [:])
        #expect(configuration.databaseURL == "")
        #expect(configuration.rawDatabaseURL == "")
        #expect(configuration.chain == .bitcoin)
        #expect(configuration.nodeRPCURL.absoluteString == "http://127.0.0.1:8332")
        #expect(configuration.nodeRPCCookieFile == nil)
        #expect(configuration.nodeRPCTimeoutSeconds == 60)
        #expect(configuration.nodeRPCConcurrency == 2)
        #expect(configuration.logLevel == .notice)
        #expect(configuration.addressDailyDays == 30)
        #expect(configuration.topRichestN == 20)
    }

    @Test("the default node URL follows the chain's RPC port")
    func defaultNodeURLFollowsChain() throws {
        let configuration = try Configuration(environment: ["CHAIN": "litecoin"])
        #expect(configuration.chain == .litecoin)
        #expect(configuration.nodeRPCURL.absoluteString == "http://127.0.0.1:9332")
    }

    @Test("RAW_DATABASE_URL defaults to DATABASE_URL, and wins when set")
    func rawDatabaseDefaulting() throws {
        let analytics = "postgresql://etl:secret@db.example/analytics"
        #expect(try Configuration(environment: ["DATABASE_URL": analytics]).rawDatabaseURL == analytics)
        #expect(try Configuration(environment: ["DATABASE_URL": analytics, "RAW_DATABASE_URL": ""]).rawDatabaseURL
            == analytics)
        let raw = "host=raw.example dbname=landing"
        let both = try Configuration(environment: ["DATABASE_URL": analytics, "RAW_DATABASE_URL": raw])
        #expect(both.databaseURL == analytics)
        #expect(both.rawDatabaseURL == raw)
    }

    @Test("database strings reach libpq untouched")
    func databaseStringsPassThrough() throws {
        let keywords = "  host=/tmp port=5433 password='it''s' "
        #expect(try Configuration(environment: ["DATABASE_URL": keywords]).databaseURL == keywords)
    }

    @Test("explicit values are read")
    func explicitValues() throws {
        let configuration = try Configuration(environment: [
            "CHAIN": "bitcoin-vault", "NODE_RPC_URL": "http://rpc:pw@10.0.0.5:18332/wallet",
            "NODE_RPC_COOKIE_FILE": "/var/lib/node/.cookie", "NODE_RPC_TIMEOUT_SECONDS": "5",
            "NODE_RPC_CONCURRENCY": "16", "LOG_LEVEL": "DEBUG", "ADDRESS_DAILY_DAYS": "7", "TOP_RICHEST_N": "1000",
        ])
        #expect(configuration.chain == .bitcoinVault)
        #expect(configuration.nodeRPCURL.host == "10.0.0.5")
        #expect(configuration.nodeRPCURL.user == "rpc")
        #expect(configuration.nodeRPCCookieFile == "/var/lib/node/.cookie")
        #expect(configuration.nodeRPCTimeoutSeconds == 5)
        #expect(configuration.nodeRPCConcurrency == 16)
        #expect(configuration.logLevel == .debug)
        #expect(configuration.addressDailyDays == 7)
        #expect(configuration.topRichestN == 1000)
    }

    @Test("an unknown CHAIN is a usage error listing the valid chains")
    func unknownChain() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try Configuration(environment: ["CHAIN": "bitcoinn"])
        }
        #expect(error.exitStatus == .usage)
        #expect(error.description.contains("CHAIN"))
        #expect(error.description.contains("bitcoinn"))
        for chain in Chain.allCases { #expect(error.description.contains(chain.rawValue)) }
    }

    @Test(
        "invalid numbers are usage errors naming the variable, the value and the range",
        arguments: [
            ("NODE_RPC_TIMEOUT_SECONDS", "0", "1...86400"),
            ("NODE_RPC_TIMEOUT_SECONDS", "sixty", "1...86400"),
            ("NODE_RPC_CONCURRENCY", "65", "1...64"),
            ("NODE_RPC_CONCURRENCY", "-1", "1...64"),
            ("ADDRESS_DAILY_DAYS", "3.5", "1...3660"),
            ("TOP_RICHEST_N", "1001", "1...1000"),
            ("TOP_RICHEST_N", "0", "1...1000"),
        ])
    func invalidNumber(variable: String, value: String, range: String) throws {
        let error = try #require(throws: ConfigurationError.self) {
            try Configuration(environment: [variable: value])
        }
        #expect(error.exitStatus == .usage)
        #expect(error.description.contains("\(variable)='\(value)'"))
        #expect(error.description.contains(range))
    }

    @Test("an invalid LOG_LEVEL is a usage error")
    func invalidLogLevel() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try Configuration(environment: ["LOG_LEVEL": "loud"])
        }
        #expect(error.description.contains("LOG_LEVEL='loud'"))
        #expect(error.description.contains("warning"))
    }

    @Test("an invalid NODE_RPC_URL is reported with its password masked")
    func invalidNodeURLIsMasked() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try Configuration(environment: ["NODE_RPC_URL": "ftp://rpc:hunter2@node:8332"])
        }
        #expect(error.exitStatus == .usage)
        #expect(error.description.contains("NODE_RPC_URL"))
        #expect(error.description.contains("rpc:\(SecretMasking.mask)@node"))
        #expect(!error.description.contains("hunter2"))
    }

    @Test("the description shows every setting but no password")
    func descriptionHidesPasswords() throws {
        let configuration = try Configuration(environment: [
            "DATABASE_URL": "postgresql://etl:dbsecret@db/analytics",
            "RAW_DATABASE_URL": "host=raw password=rawsecret dbname=landing",
            "NODE_RPC_URL": "http://rpc:nodesecret@127.0.0.1:8332",
        ])
        let text = configuration.description
        for secret in ["dbsecret", "rawsecret", "nodesecret"] { #expect(!text.contains(secret)) }
        #expect(text.contains("postgresql://etl:\(SecretMasking.mask)@db/analytics"))
        #expect(text.contains("host=raw"))
        #expect(text.contains("rpc:\(SecretMasking.mask)@127.0.0.1:8332"))
        #expect(text.contains("chain=bitcoin"))
    }

    @Test("every variable has a one-line --help summary")
    func variableSummaries() {
        for variable in ConfigurationVariable.allCases {
            #expect(!variable.summary.isEmpty, "\(variable.rawValue)")
            #expect(!variable.summary.contains("\n"), "\(variable.rawValue)")
        }
    }
}
