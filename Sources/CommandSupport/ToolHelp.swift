public import ChainETL

/// The `--help` text every tool shares: the environment variables and exit codes. Generated from
/// `ConfigurationVariable` and `ExitStatus`, so help, README and code cannot drift apart.
/// Use it as `CommandConfiguration(discussion: ToolHelp.discussion(...))`.
public enum ToolHelp {
    /// `toolSpecific` is the tool's own paragraph, placed first.
    public static func discussion(_ toolSpecific: String = "") -> String {
        var sections: [String] = []
        if !toolSpecific.isEmpty { sections.append(toolSpecific) }
        sections.append(environmentSection)
        sections.append(exitCodeSection)
        return sections.joined(separator: "\n\n")
    }

    /// The variables, one per line, with the precedence rule for `--env-file`.
    public static var environmentSection: String {
        // Name and meaning on separate lines: ArgumentParser rewraps long discussion lines without indenting
        // the continuation, which would break a two-column table.
        let lines = ConfigurationVariable.allCases.map {
            "  \($0.rawValue)\n" + wrapped($0.summary, indent: 6)
        }
        return ([
            "ENVIRONMENT (read at every start; --env-file values override the environment):"
        ] + lines).joined(separator: "\n")
    }

    /// The exit codes SPEC.md documents.
    public static var exitCodeSection: String { exitCodeSection(ExitStatus.allCases) }

    /// The exit codes a tool can end with: `simnode` takes no lock, so it never exits 3.
    public static func exitCodeSection(_ statuses: [ExitStatus]) -> String {
        (["EXIT CODES:"] + statuses.map { "  \($0.rawValue)" + wrapped($0.meaning, indent: 5).dropFirst(3) })
            .joined(separator: "\n")
    }

    /// The widest line the sections produce; ArgumentParser rewraps wider lines without indentation.
    static let width = 76

    /// Word-wraps `text` to `width` columns, every line indented by `indent`.
    static func wrapped(_ text: String, indent: Int) -> String {
        var lines: [String] = []
        var line = String(repeating: " ", count: indent)
        var lineIsEmpty = true
        for word in text.split(separator: " ") {
            if !lineIsEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = String(repeating: " ", count: indent)
                lineIsEmpty = true
            }
            line += (lineIsEmpty ? "" : " ") + word
            lineIsEmpty = false
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
