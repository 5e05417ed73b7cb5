public import ChainETL
public import Logging

/// What a tool's `run(context:)` receives after start-up: the configuration read at this start and a logger
/// labelled with the tool's name, so tools never reach for the process environment or a global logger.
public struct ToolContext: Sendable {
    /// The tool's name, as shown in log lines and error messages.
    public let tool: String
    /// Settings read from the environment (and `--env-file`) at this start.
    public let configuration: Configuration
    /// The logger to pass down (`logger: Logger` parameters).
    public let logger: Logger

    /// Bundles what start-up produced; tests build one directly.
    public init(tool: String, configuration: Configuration, logger: Logger) {
        self.tool = tool
        self.configuration = configuration
        self.logger = logger
    }
}
