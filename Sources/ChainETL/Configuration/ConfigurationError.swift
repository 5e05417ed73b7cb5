/// Why the configuration could not be read. Every case is a usage error: retrying cannot help until a person
/// fixes the environment or the env file, so the message says which variable or which line to fix.
public enum ConfigurationError: ChainETLError, Equatable {
    /// A variable holds a value the tools cannot use. `value` is already masked.
    case invalidValue(variable: String, value: String, expected: String)
    /// The file given with `--env-file` could not be read.
    case unreadableEnvironmentFile(path: String, reason: String)
    /// A line of the env file is not `KEY=VALUE`.
    case malformedEnvironmentFile(path: String, line: Int, problem: String)

    /// Builds an `invalidValue` error, masking the value so a URL's password never reaches a message.
    public static func invalid(_ variable: ConfigurationVariable, value: String, expected: String) -> Self {
        .invalidValue(variable: variable.rawValue, value: SecretMasking.masked(value), expected: expected)
    }

    /// Always `.usage`: a person has to fix the setting.
    public var exitStatus: ExitStatus { .usage }

    /// What is wrong, where, and what to do, on one line.
    public var description: String {
        switch self {
        case let .invalidValue(variable, value, expected):
            return "invalid \(variable)='\(value)': expected \(expected); fix it in the environment or the env file"
        case let .unreadableEnvironmentFile(path, reason):
            return "cannot read env file \(path): \(reason); check the --env-file path and its permissions"
        case let .malformedEnvironmentFile(path, line, problem):
            return "\(path):\(line): \(problem); write KEY=VALUE, a # comment or a blank line"
        }
    }
}
