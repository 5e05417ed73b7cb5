import ArgumentParser
import ChainETL
import CommandSupport

/// `wallet-stats [run] [--full]`: the batch step cron runs after copy-raw.
struct RunCommand: WalletStatsSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Bring the address statistics and distributions up to date (the default).",
        discussion: """
            Applies the changes of chain.block_changes since the last run, exactly once, in one transaction with \
            the tool's cursor. --full recomputes everything from the ledger instead (the result is the same).
            """
    )

    @OptionGroup var common: CommonOptions

    @Flag(help: "Recompute everything from chain.address_movements instead of applying the changes since the last run.")
    var full = false

    func run(context: ToolContext) async throws {
        _ = try WalletStatsJob.run(
            configuration: context.configuration, options: WalletStatsOptions(full: full), logger: context.logger)
    }
}
