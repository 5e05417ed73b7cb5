public import Foundation
public import Logging

/// Everything a tool needs to know about its surroundings, read from the environment at every start so that
/// rotated credentials and changed settings are picked up by the next cron run without a restart or a cache.
public struct Configuration: Sendable, Equatable {
    /// The analytics database: a libpq URI or keyword string, passed to libpq untouched. Empty means
    /// "libpq defaults": PGHOST/PGDATABASE/PGSERVICE, `~/.pgpass` and service files then decide.
    public var databaseURL: String
    /// The landing-zone database `scrape` writes and `copy-raw` reads; the analytics database unless set.
    public var rawDatabaseURL: String
    /// The chain whose encodings, units, RPC dialect and defaults apply.
    public var chain: Chain
    /// The node's JSON-RPC endpoint, possibly with `user:password@` for basic authentication.
    public var nodeRPCURL: URL
    /// A bitcoind `.cookie` file to authenticate with instead of credentials in the URL. It is read when
    /// connecting (and again after a refusal), not here, because the node rewrites it at every restart.
    public var nodeRPCCookieFile: String?
    /// Whole-request deadline of one RPC call, in seconds.
    public var nodeRPCTimeoutSeconds: Int
    /// Requests in flight at once; more than the node's `rpcthreads` only earns "work queue depth exceeded".
    public var nodeRPCConcurrency: Int
    /// The least severe level that is logged.
    public var logLevel: Logger.Level
    /// How many days of `stats.address_daily` to keep, counted back from the tip's day.
    public var addressDailyDays: Int
    /// How many rows `stats.top_richest` holds.
    public var topRichestN: Int

    /// The ranges numeric variables must fall in; error messages and `--help` quote them.
    public enum Limits {
        /// From one second to one day.
        public static let nodeRPCTimeoutSeconds = 1...86_400
        /// bitcoind's `rpcthreads` is rarely above this.
        public static let nodeRPCConcurrency = 1...64
        /// Up to ten years of daily rows per address.
        public static let addressDailyDays = 1...3_660
        /// SPEC.md: default 20, up to 1000.
        public static let topRichestN = 1...1_000
    }

    /// Reads the configuration from an environment dictionary. The dictionary is a parameter, not the process
    /// environment, so tests and `--env-file` merging decide exactly what the tool sees. Empty values count as
    /// unset, so an env file can list a variable without overriding its default.
    public init(environment: [String: String]) throws {
        let reader = EnvironmentReader(environment: environment)
        databaseURL = reader.string(.databaseURL) ?? ""
        rawDatabaseURL = reader.string(.rawDatabaseURL) ?? databaseURL
        chain = try reader.chain()
        nodeRPCURL = try reader.url(.nodeRPCURL) ?? Self.defaultNodeRPCURL(for: chain)
        nodeRPCCookieFile = reader.string(.nodeRPCCookieFile)
        nodeRPCTimeoutSeconds = try reader.integer(.nodeRPCTimeoutSeconds, in: Limits.nodeRPCTimeoutSeconds) ?? 60
        nodeRPCConcurrency = try reader.integer(.nodeRPCConcurrency, in: Limits.nodeRPCConcurrency) ?? 2
        logLevel = try reader.logLevel() ?? .notice
        addressDailyDays = try reader.integer(.addressDailyDays, in: Limits.addressDailyDays) ?? 30
        topRichestN = try reader.integer(.topRichestN, in: Limits.topRichestN) ?? 20
    }

    /// The endpoint of a node running with default settings on this machine.
    public static func defaultNodeRPCURL(for chain: Chain) -> URL {
        // The string is a literal host and a number: it always parses.
        URL(string: "http://127.0.0.1:\(chain.defaultRPCPort)")!
    }
}
