import ArgumentParser
import ChainETL
import CommandSupport

/// `build-top10`: rebuilds the top-N tables and the network status an API serves. A thin shell over
/// `BuildTop10Job`.
@main
struct BuildTop10Command: ChainETLCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-top10",
        abstract: "Rebuild stats.top_* and stats.network_status atomically; optionally export the stats tables as JSON.",
        discussion: ToolHelp.discussion("""
            Computes stats.top_richest (TOP_RICHEST_N rows), stats.top_miners (last 100 blocks), \
            stats.top_transactions_24h, stats.top_active_addresses_24h and stats.network_status from chain.* and \
            wallet-stats' tables, counting back from the tip block, and swaps them in with one transaction: \
            readers see the old or the new content, never an empty table. Unchanged tables are not rewritten. \
            Run it after wallet-stats. --export-json DIR then writes every stats table except the per-address and \
            per-block ones as DIR/<table>.json (amounts as strings of base units plus <column>_coins), each written to a \
            temporary name first and renamed only when all are written.
            """)
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("export-json"), help: ArgumentHelp(
        "Also write the stats tables as JSON files into this directory (created if missing).", valueName: "dir"))
    var exportDirectory: String?

    func validate() throws {
        if let exportDirectory, exportDirectory.isEmpty { throw ValidationError("--export-json needs a directory") }
    }

    func run(context: ToolContext) async throws {
        _ = try BuildTop10Job.run(
            configuration: context.configuration, options: BuildTop10Options(exportDirectory: exportDirectory),
            logger: context.logger)
    }
}
