import ArgumentParser
import ChainETL
import CommandSupport

/// `aggregate-daily`: recomputes the daily statistics and block windows touched since its last run. A thin shell
/// over `AggregateDailyJob`.
@main
struct AggregateDailyCommand: ChainETLCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate-daily",
        abstract: "Recompute the UTC days and block windows touched since the last run (stats.daily_*, stats.block_windows).",
        discussion: ToolHelp.discussion("""
            By default applies the block changes copy-raw recorded since the last run: recomputes the UTC days \
            that gained or lost blocks, the tip's day and the day before it, the 'all' buckets of the changed \
            heights and the week and month windows, in one transaction with its cursor. --full recomputes \
            everything. --from/--to recompute the given UTC days (YYYY-MM-DD, either end may be left open) and \
            their blocks; they leave the cursor for the next run.
            """)
    )

    @OptionGroup var common: CommonOptions

    @Flag(help: "Recompute every day, block and window from scratch.")
    var full = false

    @Option(help: ArgumentHelp("First UTC day to recompute.", valueName: "YYYY-MM-DD"))
    var from: String?

    @Option(help: ArgumentHelp("Last UTC day to recompute.", valueName: "YYYY-MM-DD"))
    var to: String?

    func validate() throws {
        let first = try Self.day(from, option: "--from")
        let last = try Self.day(to, option: "--to")
        if full, from != nil || to != nil { throw ValidationError("--full recomputes every day; leave out --from and --to") }
        if let first, let last, last < first { throw ValidationError("--to must not be before --from") }
    }

    func run(context: ToolContext) async throws {
        var options = AggregateDailyOptions()
        if full {
            options.scope = .full
        } else if from != nil || to != nil {
            options.scope = .days(from: try Self.day(from, option: "--from"), to: try Self.day(to, option: "--to"))
        }
        _ = try AggregateDailyJob.run(configuration: context.configuration, options: options, logger: context.logger)
    }

    /// The day an option names, or a usage error saying what is wrong with it.
    private static func day(_ text: String?, option: String) throws -> UTCDay? {
        guard let text else { return nil }
        guard let day = UTCDay(parsing: text) else {
            throw ValidationError("\(option) '\(text)' is not a day; write it as YYYY-MM-DD (UTC), e.g. 2024-01-31")
        }
        return day
    }
}
