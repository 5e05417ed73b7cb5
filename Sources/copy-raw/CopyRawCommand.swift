import ArgumentParser
import ChainETL
import CommandSupport

/// `copy-raw`: placeholder while the tool is being built.
@main
struct CopyRawCommand: ChainETLCommand {
    static let configuration = CommandConfiguration(commandName: "copy-raw", abstract: "Not built yet.")

    @OptionGroup var common: CommonOptions

    func run(context: ToolContext) async throws {}
}
