import ArgumentParser
import ChainETL
import CommandSupport

/// `copy-raw`: copies what scrape landed into the analytics database's chain tables. A thin shell over
/// `CopyRawJob`.
@main
struct CopyRawCommand: ChainETLCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy-raw",
        abstract: "Copy landed blocks from the raw database into the chain tables: validated, resolved, exactly once.",
        discussion: ToolHelp.discussion("""
            Replays the landing zone's best-chain events since the last run: blocks that left the chain are \
            taken out of every chain table, new blocks are validated (rules in etl.validation_rules), their \
            inputs resolved to the outputs they spend, and written with the per-address ledger and the running \
            supply. A block that fails a rule is recorded in etl.quarantine and the run stops before it with exit \
            code 1; later blocks wait until it passes (re-scraped, or the rule switched off) or leaves the chain.
            """)
    )

    @OptionGroup var common: CommonOptions

    @Flag(help: "Empty the chain tables and derive them again from the landing zone (downstream tools start over).")
    var rebuild = false

    @Option(help: "After copying, delete landed blocks older than this age that are fully copied (e.g. 30d, 12h, 2w), from the bottom of the chain up, always keeping the 100 below the tip.")
    var pruneRawOlderThan: String?

    @Option(help: ArgumentHelp(
        "Transactions per commit: smaller loses less work to a crash, larger is faster.", visibility: .hidden))
    var transactionsPerCommit: Int = CopyRawOptions().transactionsPerCommit

    func validate() throws {
        if transactionsPerCommit < 1 { throw ValidationError("--transactions-per-commit must be at least 1") }
        if let pruneRawOlderThan, DurationText.seconds(from: pruneRawOlderThan) == nil {
            throw ValidationError("--prune-raw-older-than takes a number and a unit: s, m, h, d or w (e.g. 30d)")
        }
    }

    func run(context: ToolContext) async throws {
        var options = CopyRawOptions()
        options.rebuild = rebuild
        options.transactionsPerCommit = transactionsPerCommit
        options.pruneRawOlderThanSeconds = pruneRawOlderThan.flatMap(DurationText.seconds(from:))
        _ = try CopyRawJob.run(configuration: context.configuration, options: options, logger: context.logger)
    }
}
