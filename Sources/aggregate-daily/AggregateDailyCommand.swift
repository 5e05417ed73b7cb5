import ArgumentParser
import ChainETL
import CommandSupport

/// `aggregate-daily`: placeholder while the tool is being built.
@main
struct AggregateDailyCommand: ChainETLCommand {
    static let configuration = CommandConfiguration(commandName: "aggregate-daily", abstract: "Not built yet.")

    @OptionGroup var common: CommonOptions

    func run(context: ToolContext) async throws {}
}
