public import Foundation

extension Configuration {
    /// Reads the configuration the way every tool starts: the inherited environment, overridden by the values
    /// of the explicitly named env file (the file was named on purpose, so it wins over whatever cron or a
    /// login shell happened to export). Nothing is cached: call it at every start.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        environmentFile path: String? = nil
    ) throws -> Configuration {
        try Configuration(environment: mergedEnvironment(environment, environmentFile: path))
    }

    /// The inherited environment with the env file's values laid over it, as `load` sees it.
    public static func mergedEnvironment(
        _ environment: [String: String],
        environmentFile path: String?
    ) throws -> [String: String] {
        guard let path else { return environment }
        return environment.merging(try environmentFileValues(at: path)) { _, fromFile in fromFile }
    }

    /// The `PG…` variables of the env file at `path` (libpq's own: `PGPASSWORD`, `PGCONNECT_TIMEOUT`,
    /// `PGSSLMODE`, …). libpq reads them from the process environment, not from our configuration, so a tool
    /// exports them at start-up (`ToolBootstrap`); otherwise a password written in the file would be ignored.
    public static func libpqVariables(inEnvironmentFile path: String) throws -> [String: String] {
        try environmentFileValues(at: path).filter { $0.key.hasPrefix("PG") }
    }

    private static func environmentFileValues(at path: String) throws -> [String: String] {
        try EnvironmentFile.parse(readEnvironmentFile(at: path), path: path)
    }

    private static func readEnvironmentFile(at path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigurationError.unreadableEnvironmentFile(path: path, reason: "no such file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError.unreadableEnvironmentFile(path: path, reason: "permission denied or not a file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError.unreadableEnvironmentFile(path: path, reason: "not UTF-8 text")
        }
        return text
    }
}
