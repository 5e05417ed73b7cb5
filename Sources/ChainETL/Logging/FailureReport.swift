/// What a tool prints and returns when a run ends in an error: the exit code SPEC.md documents and the one
/// stderr line `<tool>: error: <description>`. Kept apart from ArgumentParser (which only the command layer
/// knows) so the mapping of our own errors is tested in the core library.
public struct FailureReport: Sendable, Equatable {
    /// The code the process exits with.
    public let exitStatus: ExitStatus
    /// The line for stderr, password-masked.
    public let line: String

    /// A `ChainETLError` keeps its own exit status and description; any other error is an unexpected failure
    /// (exit 1) shown with its Swift description, since there is nothing better to say about it.
    public init(tool: String, error: any Error) {
        if let error = error as? any ChainETLError {
            exitStatus = error.exitStatus
            line = Self.line(tool: tool, text: error.description)
        } else {
            exitStatus = .failure
            line = Self.line(tool: tool, text: "unexpected failure: \(String(describing: error))")
        }
    }

    /// `<tool>: error: <text>` on one line, masked.
    public static func line(tool: String, text: String) -> String {
        let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return "\(tool): error: \(SecretMasking.masked(oneLine))"
    }
}
