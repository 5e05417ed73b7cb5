import ArgumentParser
import ChainETL
import CommandSupport

/// A `wallet-stats` subcommand: a `ChainETLCommand` whose log label and messages say `wallet-stats`, not the
/// subcommand's own name (`import`, `add`).
protocol WalletStatsSubcommand: ChainETLCommand {}

extension WalletStatsSubcommand {
    /// Loads the configuration, installs logging under the tool's name and hands over to `run(context:)`.
    mutating func run() async throws {
        let context = try ToolBootstrap.start(tool: WalletStatsJob.tool, options: common)
        try await run(context: context)
    }
}
