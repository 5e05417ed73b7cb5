public import ArgumentParser
import ChainETL

/// The shape of every chain-etl tool: declare `@OptionGroup var common: CommonOptions`, implement
/// `run(context:)`, and mark the type `@main`. The protocol supplies `run()` (configuration and logging start-up)
/// and `main()` (exit codes 0/1/2/3 instead of ArgumentParser's 64), so no tool can forget either.
public protocol ChainETLCommand: AsyncParsableCommand {
    /// The shared `--env-file`, `--verbose` and `--log-level` options.
    var common: CommonOptions { get }

    /// The tool's work, with configuration loaded and logging installed.
    func run(context: ToolContext) async throws
}

extension ChainETLCommand {
    /// The name in log lines and error messages: the command name, or the type name if none is configured.
    public static var toolName: String {
        configuration.commandName ?? String(describing: Self.self).lowercased()
    }

    /// Loads the configuration, installs logging and hands over to `run(context:)`.
    public mutating func run() async throws {
        let context = try ToolBootstrap.start(tool: Self.toolName, options: common)
        try await run(context: context)
    }

    /// The entry point `@main` calls: parse, run, and exit with the documented code.
    public static func main() async {
        await ToolExit.main(Self.self, tool: toolName)
    }
}
