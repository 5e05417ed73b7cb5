import ArgumentParser
import ChainETL
import CommandSupport

/// `wallet-stats`: per-address statistics, balance distributions, labels and watched wallets. Without a
/// subcommand it runs the batch step (`run`), which is what cron calls.
@main
struct WalletStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: WalletStatsJob.tool,
        abstract: "Keep per-address statistics and balance distributions up to date; manage labels and watched wallets.",
        discussion: ToolHelp.discussion("""
            Without a subcommand, runs `wallet-stats run`: applies the blocks that joined and left the best chain \
            since the last run to stats.address_stats, stats.address_daily and stats.daily_addresses, then \
            rebuilds stats.balance_thresholds, stats.balance_percentiles, stats.top_share and \
            stats.label_holdings. `labels` and `watch` manage etl.address_labels and etl.watched_addresses.
            """),
        subcommands: [RunCommand.self, LabelsCommand.self, WatchCommand.self],
        defaultSubcommand: RunCommand.self
    )

    /// Parses, runs the chosen subcommand and exits with the documented code (ToolExit), like every tool.
    static func main() async {
        await ToolExit.main(Self.self, tool: WalletStatsJob.tool)
    }
}
