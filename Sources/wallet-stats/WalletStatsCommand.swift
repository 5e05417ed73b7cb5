import ArgumentParser
import ChainETL
import CommandSupport

/// `wallet-stats`: placeholder while the tool is being built.
@main
struct WalletStatsCommand: ChainETLCommand {
    static let configuration = CommandConfiguration(commandName: "wallet-stats", abstract: "Not built yet.")

    @OptionGroup var common: CommonOptions

    func run(context: ToolContext) async throws {}
}
