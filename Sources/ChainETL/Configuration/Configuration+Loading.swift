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
        let fileValues = try EnvironmentFile.parse(readEnvironmentFile(at: path), path: path)
        return environment.merging(fileValues) { _, fromFile in fromFile }
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
