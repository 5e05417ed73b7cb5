/// The environment variables the tools read. One list drives parsing, `--help`, and the README/env.example
/// checks, so a new variable cannot be documented in one place and forgotten in another.
public enum ConfigurationVariable: String, Sendable, CaseIterable {
    /// The analytics database.
    case databaseURL = "DATABASE_URL"
    /// The landing-zone database.
    case rawDatabaseURL = "RAW_DATABASE_URL"
    /// The chain id.
    case chain = "CHAIN"
    /// The node endpoint.
    case nodeRPCURL = "NODE_RPC_URL"
    /// The node's cookie file.
    case nodeRPCCookieFile = "NODE_RPC_COOKIE_FILE"
    /// The RPC deadline.
    case nodeRPCTimeoutSeconds = "NODE_RPC_TIMEOUT_SECONDS"
    /// The RPC parallelism.
    case nodeRPCConcurrency = "NODE_RPC_CONCURRENCY"
    /// The log level.
    case logLevel = "LOG_LEVEL"
    /// The retention of `stats.address_daily`.
    case addressDailyDays = "ADDRESS_DAILY_DAYS"
    /// The size of `stats.top_richest`.
    case topRichestN = "TOP_RICHEST_N"

    /// One line for `--help` and the README: meaning and default.
    public var summary: String {
        switch self {
        case .databaseURL:
            return "analytics database, libpq URI or keyword string (unset: libpq defaults)"
        case .rawDatabaseURL:
            return "landing-zone database of scrape, source of copy-raw (default: DATABASE_URL)"
        case .chain:
            return "chain: bitcoin (default), bitcoin-testnet, bitcoin-vault, litecoin, ..."
        case .nodeRPCURL:
            return "node JSON-RPC URL (default: http://127.0.0.1:<chain's RPC port>)"
        case .nodeRPCCookieFile:
            return "bitcoind .cookie file, instead of user:password in NODE_RPC_URL"
        case .nodeRPCTimeoutSeconds:
            return "deadline of one RPC call in seconds, \(Configuration.Limits.nodeRPCTimeoutSeconds) (default: 60)"
        case .nodeRPCConcurrency:
            return "RPC calls in flight, at most the node's rpcthreads, \(Configuration.Limits.nodeRPCConcurrency) (default: 2)"
        case .logLevel:
            return "trace, debug, info, notice (default), warning, error or critical"
        case .addressDailyDays:
            return "days of stats.address_daily kept, \(Configuration.Limits.addressDailyDays) (default: 30)"
        case .topRichestN:
            return "rows of stats.top_richest, \(Configuration.Limits.topRichestN) (default: 20)"
        }
    }
}
