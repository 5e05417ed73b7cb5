import ChainETL
public import Foundation
public import Logging

/// Start-up shared by every tool: read the configuration (environment plus `--env-file`, never cached) and
/// install the stderr log handler, so each tool's `run` begins with the same, already-validated context.
public enum ToolBootstrap {
    /// Loads the configuration and returns a context whose logger is labelled `tool`.
    /// Throws `ConfigurationError` (exit 2) for bad settings.
    public static func start(
        tool: String,
        options: CommonOptions,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ToolContext {
        let configuration = try Configuration.load(environment: environment, environmentFile: options.environmentFile)
        if let path = options.environmentFile { try exportLibpqVariables(from: path) }
        let logger = makeLogger(tool: tool, level: options.effectiveLogLevel(configured: configuration.logLevel))
        logger.debug("configuration", metadata: ["settings": "\(configuration)"])
        return ToolContext(tool: tool, configuration: configuration, logger: logger)
    }

    /// Puts the env file's `PG…` variables into the process environment before any connection is opened, so
    /// libpq sees them as the file's other values are seen (overriding what was inherited); an empty value
    /// removes the variable, as an empty value means "the default" everywhere in the file.
    private static func exportLibpqVariables(from path: String) throws {
        for (name, value) in try Configuration.libpqVariables(inEnvironmentFile: path) {
            if value.isEmpty { unsetenv(name) } else { setenv(name, value, 1) }
        }
    }

    /// Installs `StandardErrorLogHandler` as the process's log handler (swift-log allows that only once per
    /// process; later calls just change the level) and returns a logger labelled `tool`. For tools such as
    /// `simnode` that need logging but not the database configuration.
    public static func makeLogger(tool: String, level: Logger.Level) -> Logger {
        LogLevelSetting.shared.level = level
        _ = logHandlerInstallation
        var logger = Logger(label: tool)
        logger.logLevel = level
        return logger
    }
}

/// Runs `LoggingSystem.bootstrap` exactly once, on first use (global initialisers are lazy and thread-safe).
private let logHandlerInstallation: Void = LoggingSystem.bootstrap { label in
    StandardErrorLogHandler(label: label, logLevel: LogLevelSetting.shared.level)
}

/// The level new loggers start with; set by the bootstrap before it creates the tool's logger.
private final class LogLevelSetting: @unchecked Sendable {
    static let shared = LogLevelSetting()
    private let lock = NSLock()
    private var storedLevel: Logger.Level = .notice

    var level: Logger.Level {
        get { lock.withLock { storedLevel } }
        set { lock.withLock { storedLevel = newValue } }
    }
}
