public import ArgumentParser
public import ChainETL
import Foundation

/// Maps whatever ended a run to the exit codes SPEC.md promises (0 success, 1 failure, 2 usage, 3 busy) and the
/// text to print. ArgumentParser alone would exit 64 for usage errors; cron wrappers and `scrape && copy-raw`
/// chains rely on our codes instead.
public enum ToolExit {
    /// How the process ends: the code, and what goes to stdout (help, version) or stderr (errors).
    public struct Outcome: Sendable, Equatable {
        /// The documented exit code.
        public var status: ExitStatus
        /// Text for stdout: help or version output.
        public var standardOutput: String?
        /// The error line for stderr.
        public var standardError: String?
    }

    /// The outcome for `error`, thrown while parsing or running `command`.
    /// - `ChainETLError`: its own exit status and `<tool>: error: <description>`.
    /// - `--help`, `--version` and other clean exits: 0, the text on stdout.
    /// - `ExitCode` thrown on purpose: that code if it is one of ours, else 1.
    /// - ArgumentParser usage and validation errors: 2, `<tool>: error: <message>; see '<tool> --help'`.
    /// - anything else: 1, `<tool>: error: unexpected failure: …`.
    public static func outcome(
        for error: any Error, tool: String, command: any ParsableCommand.Type
    ) -> Outcome {
        if error is any ChainETLError {
            let report = FailureReport(tool: tool, error: error)
            return Outcome(status: report.exitStatus, standardOutput: nil, standardError: report.line)
        }
        if let exitCode = error as? ExitCode {
            return Outcome(status: ExitStatus(rawValue: exitCode.rawValue) ?? .failure, standardOutput: nil, standardError: nil)
        }
        let code = command.exitCode(for: error)
        if code == .success {
            let text = command.fullMessage(for: error)
            return Outcome(status: .success, standardOutput: text.isEmpty ? nil : text, standardError: nil)
        }
        if code == .validationFailure {
            let line = FailureReport.line(tool: tool, text: "\(command.message(for: error)); see '\(tool) --help'")
            return Outcome(status: .usage, standardOutput: nil, standardError: line)
        }
        let report = FailureReport(tool: tool, error: error)
        return Outcome(status: report.exitStatus, standardOutput: nil, standardError: report.line)
    }

    /// Prints the outcome and ends the process with its code.
    public static func exit(with outcome: Outcome) -> Never {
        if let text = outcome.standardOutput { print(text) }
        fflush(nil)
        if let text = outcome.standardError { StandardErrorStream.shared.writeLine(text) }
        Foundation.exit(outcome.status.rawValue)
    }

    /// Parses the command line, runs the command, and exits with the mapped code. Every tool's `main` ends
    /// here, so no tool can exit with a code SPEC.md does not document.
    public static func main<Command: ParsableCommand>(
        _ command: Command.Type, tool: String, arguments: [String]? = nil
    ) async -> Never {
        do {
            var parsed = try command.parseAsRoot(arguments)
            if var asyncCommand = parsed as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try parsed.run()
            }
        } catch {
            exit(with: outcome(for: error, tool: tool, command: command))
        }
        exit(with: Outcome(status: .success, standardOutput: nil, standardError: nil))
    }
}
