import ArgumentParser
import ChainETL
import CommandSupport

/// `scrape`: pulls new blocks from the node into the landing zone. A thin shell over `ScrapeJob`.
@main
struct ScrapeCommand: ChainETLCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrape",
        abstract: "Land new blocks from a bitcoind-compatible node in the raw database, following reorgs.",
        discussion: ToolHelp.discussion("""
            By default fetches from the block after the last stored one up to the node's tip minus \
            --confirmations. --from/--to fetch a range again (stored, unchanged blocks are left as they are) \
            or backfill it. A reorg is followed automatically down to --max-reorg-depth blocks; deeper, the run \
            stops with exit code 1 and changes nothing.
            """)
    )

    @OptionGroup var common: CommonOptions

    @Option(help: "First height to fetch (again).")
    var from: Int64?

    @Option(help: "Last height to fetch.")
    var to: Int64?

    @Option(help: "Stay this many blocks below the node's tip.")
    var confirmations: Int64 = 0

    @Option(help: "Deepest reorg to follow automatically.")
    var maxReorgDepth: Int64 = ScrapeOptions.defaultMaximumReorgDepth

    @Option(help: "Requests in flight at the node (default: NODE_RPC_CONCURRENCY). Keep it at or below the node's rpcthreads.")
    var concurrency: Int?

    func validate() throws {
        if let from, from < 0 { throw ValidationError("--from must be 0 or more") }
        if let from, let to, to < from { throw ValidationError("--to must not be below --from") }
        if confirmations < 0 { throw ValidationError("--confirmations must be 0 or more") }
        if maxReorgDepth < 1 { throw ValidationError("--max-reorg-depth must be at least 1") }
        if let concurrency, !(1...64).contains(concurrency) { throw ValidationError("--concurrency must be 1 to 64") }
    }

    func run(context: ToolContext) async throws {
        var options = ScrapeOptions()
        options.from = from
        options.to = to
        options.confirmations = confirmations
        options.maximumReorgDepth = maxReorgDepth
        options.concurrency = concurrency ?? context.configuration.nodeRPCConcurrency
        MallocArenas.limit(to: 2)
        _ = try ScrapeJob.run(configuration: context.configuration, options: options, logger: context.logger)
    }
}
