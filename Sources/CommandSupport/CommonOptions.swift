public import ArgumentParser
import ChainETL
public import Logging

/// The options every tool accepts, so cron lines and people type the same flags for every step of the chain.
/// Include them with `@OptionGroup var common: CommonOptions`.
public struct CommonOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("env-file"),
        help: ArgumentHelp(
            "Read KEY=VALUE settings from this file; they override the inherited environment.",
            valueName: "path"))
    /// `--env-file`: cron jobs keep their settings in a file instead of the crontab.
    public var environmentFile: String?

    @Flag(name: .shortAndLong, help: "Log debug messages (same as --log-level debug).")
    /// `--verbose`: debug logging for one run without editing the configuration.
    public var verbose = false

    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp("Least severe level logged, overriding LOG_LEVEL: \(Logger.Level.validNames).",
                           valueName: "level"))
    /// `--log-level`: any level for one run, validated in `validate()`.
    public var logLevelName: String?

    /// Required by `ParsableArguments`; the values come from the command line.
    public init() {}

    /// Rejects an unknown `--log-level` as a usage error (exit 2) before anything runs.
    public mutating func validate() throws {
        if let logLevelName, Logger.Level(parsing: logLevelName) == nil {
            throw ValidationError("invalid --log-level '\(logLevelName)': expected one of \(Logger.Level.validNames)")
        }
    }

    /// The level to log at: `--log-level` wins, then `--verbose`, then `LOG_LEVEL` from the configuration.
    public func effectiveLogLevel(configured: Logger.Level) -> Logger.Level {
        if let logLevelName, let level = Logger.Level(parsing: logLevelName) { return level }
        return verbose ? min(.debug, configured) : configured
    }
}
